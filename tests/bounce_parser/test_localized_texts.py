"""Texts that providers write in their users' languages (issue #14 item 2), from their sources.

Gmail writes its own notices in the language of its user; Google publishes those words in its
localized help pages (each named in ``bounce_parser/data/phrases/lang_*.toml``). Two checks:
the composed Gmail and Exchange notices built from them (``composed/``, labelled by
construction) get their label, and each published sentence alone is read as the condition it
states, so a sender-side one (our own sending limit) never condemns the recipient.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bounce_parser import parse
from bounce_parser.text_rules import match_text

COMPOSED = Path(__file__).resolve().parent / "composed"

# The composed notices of this round: Gmail's own notices with Google's localized headlines,
# an Exchange NDR with Microsoft's French user text, and Onet's Polish rejection reason.
LOCALIZED_NOTICES = (
    "gmail-de-address-missing.eml",
    "gmail-de-inbox-full.eml",
    "gmail-de-sending-limit.eml",
    "gmail-de-spam.eml",
    "gmail-es-address-missing.eml",
    "gmail-es-inbox-full.eml",
    "gmail-es-sending-limit.eml",
    "gmail-it-account-missing.eml",
    "gmail-ja-account-missing.eml",
    "gmail-pt-inbox-full.eml",
    "m365-fr-address-changed.eml",
    "gmail-zh-inbox-full.eml",
    "gmail-pl-sending-limit.eml",
    "onet-pl-account-missing.eml",
)


def manifest_entry(path: str) -> dict[str, Any]:
    manifest = json.loads((COMPOSED / "manifest.json").read_text(encoding="utf-8"))
    (entry,) = [e for e in manifest["entries"] if e["path"] == path]
    return dict(entry)


@pytest.mark.parametrize("path", LOCALIZED_NOTICES)
def test_a_localized_notice_gets_its_label(path: str) -> None:
    entry = manifest_entry(path)
    (want,) = entry["expected"]
    report = parse((COMPOSED / path).read_bytes())
    (bounce,) = [b for b in report.recipients if b.address.lower() == want["address"]]
    assert bounce.reason.value in want["reason_accept"], (path, bounce.reason, bounce.rule)
    assert bounce.hard is want["hardbounce"], (path, bounce.reason, bounce.rule)
    assert bounce.party.value in want["party"].split("|"), (path, bounce.party)


# Google's own sentences, as its localized pages print them (the non-breaking hyphen included),
# with the reason each states. The sources are the entries' ``source`` fields.
SENTENCES = (
    ("de", "Die E\u2011Mail-Adresse des Empfängers existiert nicht", "user_unknown"),
    ("de", "Das E-Mail-Konto, das Sie kontaktieren möchten, ist nicht vorhanden", "user_unknown"),
    ("de", "Der Posteingang des Empfängers hat keinen freien Speicherplatz.", "mailbox_full"),
    ("de", "Sie haben das Limit zum Senden von E\u2011Mails erreicht.", "speeding"),
    (
        "de",
        "450 4.2.1 Der Nutzer, den Sie kontaktieren möchten, erhält zu schnell E-Mails. Senden "
        "Sie Ihre Nachricht zu einem späteren Zeitpunkt noch einmal.",
        "speeding",
    ),
    ("es", "La dirección de correo electrónico del destinatario no existe", "user_unknown"),
    (
        "es",
        "La bandeja Recibidos del destinatario no tiene espacio de almacenamiento disponible",
        "mailbox_full",
    ),
    ("es", "Alcanzaste el límite para enviar correos electrónicos", "speeding"),
    (
        "fr",
        "452-4.2.2 Le compte de messagerie auquel vous avez envoyé un message a épuisé sa "
        "capacité de stockage",
        "mailbox_full",
    ),
    ("fr", "Vous avez atteint la limite d'envoi d'e-mails", "speeding"),
    (
        "fr",
        "L'utilisateur que vous tentez de contacter reçoit des e-mails à un rythme qui empêche la "
        "distribution de tout nouveau message.",
        "speeding",
    ),
    ("it", "L'account email che hai cercato di raggiungere non esiste", "user_unknown"),
    (
        "pt",
        "452 4.2.2 A caixa de entrada do destinatário está sem espaço de armazenamento.",
        "mailbox_full",
    ),
    (
        "pt",
        "450 4.2.1 O usuário com quem você está tentando entrar em contato está recebendo e-mails "
        "muito rápido. Reenvie sua mensagem mais tarde.",
        "speeding",
    ),
    ("ja", "送信先のメール アカウントは存在しません", "user_unknown"),
    ("zh", "452 4.2.2 收件人的收件箱存储空间不足。", "mailbox_full"),
    ("zh", "450 4.2.1 您尝试联系的用户接收电子邮件的频率过高。请稍后重发您的邮件。", "speeding"),
    ("pl", "Osiągnięto limit wysyłanych wiadomości.", "speeding"),
    ("pl", "Osiągnięto limit wysyłania z Gmaila.", "speeding"),
    ("pl", "Przekroczono limit wysyłania i odbierania poczty", "speeding"),
    ("pl", "Przekroczono maksymalną liczbę adresatów.", "exceed_limit"),
    ("pl", "Docelowe konto nie istnieje", "user_unknown"),
)


@pytest.mark.parametrize(("lang", "text", "reason"), SENTENCES)
def test_a_published_sentence_reads_as_what_it_states(lang: str, text: str, reason: str) -> None:
    found = match_text(text)
    assert found is not None, text
    assert found.reason.value == reason, (text, found.reason, found.rule)
    assert found.rule.startswith(f"lang_{lang}:"), found.rule
