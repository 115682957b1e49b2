import sys, json
from pathlib import Path
from tests.support import receivers_bed_writer2 as bed
w = sys.argv[1]; out = Path(sys.argv[2])
m = bed.generate(out, writer=w)
Path(str(out) + ".log").write_text(m.get("log", ""))
print(json.dumps(m["notices"]), m["error"])
