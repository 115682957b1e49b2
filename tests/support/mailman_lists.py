"""Run by Debian's own Python 3 (/usr/bin/python3, where the mailman3 package installs Mailman
3.3.8's modules), never by the tests' interpreter: Mailman's Python API with no REST server.

``python3 mailman_lists.py CONFIG setup SPEC.json``: each list of the spec made by
``create_list`` (mailman.app.lifecycle), then its attributes set (IMailingList: the list's
``preferred_language``, ``default_nonmember_action``, ``default_member_action``,
``max_message_size``, ``respond_to_post_requests``, the bounce settings), its owner and members
subscribed (``IMailingList.subscribe`` with a verified address, as ``mailman addmembers`` does
without a welcome), in Mailman's own SQLite database.

``python3 mailman_lists.py CONFIG reject COMMENT LIST...``: every held post of each list
rejected with the moderator's ``COMMENT`` (``mailman.app.moderator.handle_message`` with
``Action.reject``, what a moderator's "reject" in Postorius calls), printing the lists that
held none yet, one a line.
"""

import json
import sys


def _address(email):
    from mailman.interfaces.usermanager import IUserManager
    from zope.component import getUtility

    manager = getUtility(IUserManager)
    address = manager.get_address(email) or manager.create_address(email)
    if address.verified_on is None:
        from mailman.utilities.datetime import now

        address.verified_on = now()
    return address


def setup(spec):
    from mailman.app.lifecycle import create_list
    from mailman.config import config
    from mailman.interfaces.action import Action
    from mailman.interfaces.domain import IDomainManager
    from mailman.interfaces.member import MemberRole
    from zope.component import getUtility

    domains = getUtility(IDomainManager)
    for fqdn in spec:
        if domains.get(fqdn.split("@")[1]) is None:
            domains.add(fqdn.split("@")[1])
    for fqdn, settings in spec.items():
        mlist = create_list(fqdn)
        mlist.preferred_language = settings.get("language", "en")
        for name, value in settings.get("attributes", {}).items():
            if name.endswith("_action"):
                value = Action[value]
            setattr(mlist, name, value)
        for owner in settings.get("owners", []):
            mlist.subscribe(_address(owner), MemberRole.owner, send_welcome_message=False)
        for member in settings.get("members", []):
            mlist.subscribe(_address(member), MemberRole.member, send_welcome_message=False)
        for member in settings.get("held_members", []):
            mlist.subscribe(
                _address(member), MemberRole.member, send_welcome_message=False
            ).moderation_action = Action.hold
    config.db.commit()


def reject(comment, lists):
    from mailman.app.moderator import handle_message
    from mailman.config import config
    from mailman.interfaces.action import Action
    from mailman.interfaces.listmanager import IListManager
    from mailman.interfaces.requests import IListRequests, RequestType
    from zope.component import getUtility

    for fqdn in lists:
        mlist = getUtility(IListManager).get(fqdn)
        held = [r.id for r in IListRequests(mlist).of_type(RequestType.held_message)]
        for request_id in held:
            handle_message(mlist, request_id, Action.reject, comment)
        config.db.commit()
        if not held:
            print(fqdn)


def main():
    from mailman.core.initialize import initialize

    config_file, command, *args = sys.argv[1:]
    initialize(config_file)
    if command == "setup":
        with open(args[0], encoding="utf-8") as spec:
            setup(json.load(spec))
    elif command == "reject":
        reject(args[0], args[1:])
    else:
        raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main()
