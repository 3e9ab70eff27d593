"""Equivalence of the Spark job with bdctl's own transform.

Each case lays raw objects out as bdctl's local data directory (``<tmp>/.bdctl/raw/year=2026/
month=12/day=01/...``), runs the reference (``bdctl transform --date 2026-12-01`` with the working
directory ``<tmp>``, an empty HOME and no BDCTL_*/AWS_* variables, so it uses the embedded local
environment), runs the job over the same raw directory into a second tree with one Spark session
(local[2]) shared by all cases, and compares with pyarrow: per Parquet file the Arrow schema and
the rows (as a multiset, and in order), the quarantine files byte for byte, the manifests except the
``bytes`` of outputs, and partitions.json.

Run from the repository root: ``python -m unittest jobs/test_transform_job.py``
(the reference binary is the one REFERENCE_BDCTL names; scripts/test sets it to the bdctl the
cargo tests built).
"""

import collections
import contextlib
import datetime as dt
import gzip
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import types
import unittest
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import transform_job as tj  # noqa: E402

BDCTL = os.environ.get("REFERENCE_BDCTL") or os.path.join(
    os.environ.get("CARGO_TARGET_DIR", os.path.join(os.path.dirname(__file__), "..", "target")), "debug", "bdctl"
)
DAY = dt.date(2026, 12, 1)
RAW_DIR = "raw/year=2026/month=12/day=01"

SPARK = None


def setUpModule():
    global SPARK
    warnings.simplefilter("ignore", ResourceWarning)  # py4j's sockets, closed by the JVM side
    if not os.access(BDCTL, os.X_OK):
        raise unittest.SkipTest(f"reference binary {BDCTL} not found")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    SPARK = (SparkSession.builder.master("local[2]").appName("bdctl-transform-job-tests")
             .config("spark.ui.enabled", "false")
             .config("spark.driver.host", "127.0.0.1")
             .config("spark.sql.shuffle.partitions", "2")
             .config("spark.ui.showConsoleProgress", "false")
             .getOrCreate())
    SPARK.sparkContext.setLogLevel("ERROR")
    SPARK.sparkContext.addPyFile(tj.__file__)


def tearDownModule():
    if SPARK is not None:
        SPARK.stop()


# ---------------------------------------------------------------------------------------------
# Raw data


def ev(event_id, ts, **over):
    rec = {"event_id": event_id, "event_type": "page_view", "timestamp": ts, "user_id": "u1",
           "session_id": "s1", "page_url": "https://shop.example.com/", "referrer": "",
           "user_agent": "UA", "ip": "10.1.2.3", "email": "jane@example.org", "product_id": None,
           "price": None, "quantity": None, "country": "DE", "device": "mobile"}
    rec.update(over)
    return json.dumps(rec, separators=(",", ":"), ensure_ascii=False)


def rust_ev(event_id, ts):
    """The `ev` records of src/transform/tests.rs, byte for byte."""
    return ('{"event_id":"%s","event_type":"page_view","timestamp":"%s","user_id":"u1",'
            '"session_id":"s1","page_url":"https://shop.example.com/","referrer":"",'
            '"user_agent":"UA","ip":"10.1.2.3","email":"jane@example.org","product_id":null,'
            '"price":null,"quantity":null,"country":"DE","device":"mobile"}' % (event_id, ts))


TS_FORMS = [
    lambda t: t.strftime("%Y-%m-%dT%H:%M:%SZ"),
    lambda t: t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z",
    lambda t: t.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
    lambda t: t.strftime("%Y-%m-%dT%H:%M:%S.%f") + "789z",
    lambda t: (t + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%S+02:00"),
    lambda t: (t + dt.timedelta(hours=5, minutes=30)).strftime("%Y-%m-%dT%H:%M:%S+0530"),
    lambda t: (t - dt.timedelta(hours=7)).strftime("%Y-%m-%dT%H:%M:%S-07"),
    lambda t: t.strftime("%Y-%m-%d %H:%M:%SZ"),
    lambda t: t.strftime("%Y-%m-%dt%H:%M:%S"),
    lambda t: (t - dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M:%S") + "\u221203:00",
    lambda t: int(t.timestamp()),
    lambda t: int(t.timestamp() * 1000),
    lambda t: t.timestamp(),
    lambda t: t.timestamp() * 1000 + 0.5,
]


def good_events(rnd, n, prefix):
    """Varied events that break no rule: late ones, every timestamp form, extras, purchases."""
    base = dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)
    types_ = ["page_view", "product_view", "search", "add_to_cart", "remove_from_cart",
              "begin_checkout", "purchase", "click", "newsletter_signup"]
    out = []
    for i in range(n):
        if rnd.random() < 0.15:  # late: the previous day
            t = base - dt.timedelta(seconds=rnd.randrange(1, 86_400), microseconds=rnd.randrange(10**6))
        else:
            t = base + dt.timedelta(seconds=rnd.randrange(86_400), microseconds=rnd.randrange(10**6))
        if i % 250 == 7:
            t = dt.datetime(2026, 11, 30, 23, 59, 59, tzinfo=dt.timezone.utc)
            ts = "2026-11-30T23:59:60.25Z"  # a leap second, chrono's path
        else:
            ts = rnd.choice(TS_FORMS)(t)
        kind = rnd.choice(types_)
        rec = {"event_id": f"{prefix}-{i:05d}", "event_type": kind, "timestamp": ts}
        for name in ("user_id", "session_id", "page_url", "referrer", "user_agent", "country",
                     "device", "ip", "email"):
            r = rnd.random()
            if r < 0.7:
                rec[name] = {"user_id": f"u_{rnd.randrange(10**6):07d}",
                             "session_id": f"s-{rnd.randrange(10**9)}",
                             "page_url": f"https://shop.example.com/p/{rnd.randrange(999)}?q=caf\u00e9",
                             "referrer": rnd.choice(["", "https://www.google.com/", "https://t.co/x"]),
                             "user_agent": "Mozilla/5.0 (X11; Linux x86_64) \u2013 \U0001F600",
                             "country": rnd.choice(["DE", "US", "FR", "JP"]),
                             "device": rnd.choice(["mobile", "desktop", "tablet"]),
                             "ip": f"203.0.113.{rnd.randrange(256)}",
                             "email": f"user{rnd.randrange(999)}@example.org"}[name]
            elif r < 0.85:
                rec[name] = None
        if kind in ("purchase", "add_to_cart", "product_view") or rnd.random() < 0.1:
            rec["product_id"] = f"P{rnd.randrange(10**6):06d}"
            rec["price"] = rnd.choice([19.99, 5, 0.1, 1234.5, round(rnd.uniform(0.5, 500), 2),
                                       rnd.uniform(0, 100), None])
            rec["quantity"] = rnd.choice([1, 2, 3, 10, 2.0, 4.0, None])
        r = rnd.random()
        if r < 0.3:
            rec["campaign"] = rnd.choice(["winter", "\u00e9t\u00e9", "x\ny\t\"q\"\\", "\u6771\u4eac"])
        if r < 0.2:
            rec["ab_test"] = {"variant": rnd.choice("AB"), "ip": "198.51.100.7",
                              "meta": {"email": "leak@example.org", "score": rnd.uniform(-1, 1),
                                       "k": [{"ip": "x", "v": rnd.randrange(100)}, 1e-7, 1e21,
                                             -0.0, 12345678901234567890, True, None]},
                              "z": 1, "a": 2}
        if r < 0.05:
            rec["dup"] = {"b": 1, "a": 2}
        out.append(json.dumps(rec, separators=(",", ":"), ensure_ascii=rnd.random() < 0.3))
        if r < 0.02:  # the same key twice at top level and in a nested object
            out[-1] = out[-1][:-1] + ',"x":1,"n":{"b":1,"a":2,"b":3},"x":2}'
    return out


def every_kind_of_bad_record():
    """The lines of `every_kind_of_bad_record_is_quarantined_in_place` (src/transform/tests.rs)."""
    good = lambda i: rust_ev(i, "2024-06-01T10:00:00Z").encode()  # noqa: E731
    return [
        b'{"event_id":"x", "event_type": oops}',
        good("g1"),
        b"[1,2,3]",
        b'{"event_type":"click","timestamp":"2024-06-01T00:00:00Z","ip":"10.9.9.9"}',
        b'{"event_id":"p","event_type":"purchase","timestamp":"2024-06-02T00:00:00Z","price":"abc","email":"a@b.c"}',
        b'{"event_id":"q","event_type":"purchase","timestamp":"2024-06-01T00:00:00Z","quantity":1.5}',
        b'{"event_id":"t","event_type":"click","timestamp":"last tuesday"}',
        b"{}",
        b'{"event_id":"u","event_type":"click","timestamp":"2024-06-01T00:00:00Z","page_url":"bad\xff\xfe"}',
        b'{"event_id":null,"event_type":"click","timestamp":"2024-06-01T00:00:00Z"}',
        b'{"event_id":"v","event_type":"click","timestamp":true}',
        b'{"event_id":"w","event_type":"click","timestamp":"2024-06-01T00:00:00Z","user_id":42}',
        b'"just a string"',
        good("g2"),
    ]


def more_bad_records():
    """Further kinds: every reason text bdctl has, positions in serde_json messages, redaction."""
    t = b'"timestamp":"2026-12-01T10:00:00Z"'
    return [
        b'{"event_id":"", "event_type":"x",' + t + b"}",
        b'{"event_id":"e", "event_type":"",' + t + b"}",
        b'{"event_id":"e", "event_type":"x"}',
        b'{"event_id":"e", "event_type":"x","timestamp":null}',
        b'{"event_id":"e", "event_type":"x","timestamp":18446744073709551615}',
        b'{"event_id":"e", "event_type":"x","timestamp":9223372036854775807}',
        b'{"event_id":"e", "event_type":"x","timestamp":1e300}',
        b'{"event_id":"e", "event_type":"x","timestamp":"0000-01-01T00:00:00Z"}',
        b'{"event_id":"e", "event_type":"x","timestamp":"2026-12-01T10:00:00+24:00"}',
        b'{"event_id":"e", "event_type":"x","timestamp":"bad \xcc\x81 \\u00e9\\t\\u200b\\u0000 \xc2\xa0"}',
        b'{"event_id":"e", "event_type":"x","timestamp":"' + "\u00e9".encode() * 70 + b'"}',
        b'{"event_id":"e", "event_type":"x","timestamp":[1]}',
        b'{"event_id":"e", "event_type":"x",' + t + b',"quantity":9223372036854775808}',
        b'{"event_id":"e", "event_type":"x",' + t + b',"quantity":1e20}',
        b'{"event_id":"e", "event_type":"x",' + t + b',"quantity":"2"}',
        b'{"event_id":"e", "event_type":"x",' + t + b',"price":true}',
        b'{"event_id":"e", "event_type":"x",' + t + b',"price":1e400}',
        b'{"event_id":"e", "event_type":"x",' + t + b',"ip":5}',
        b'{"event_id":"e", "event_type":"x",' + t + b',"email":[1]}',
        b'{"event_id":"e", "event_type":"x",' + t + b',"device":{"a":1}}',
        b'{"event_id":"e", "event_type":"x",' + t + b',"s":"\\ud800"}',
        b'{"event_id":"e", "event_type":"x",' + t + b',"s":"\\ud800x"}',
        b'{"event_id":"e", "event_type":"x",' + t + b',"s":"\\udc00"}',
        b'{"event_id":"e", "event_type":"x",' + t + b',"s":"\\x"}',
        b'{"event_id":"e", "event_type":"x",' + t + b',"s":"a\tb"}',
        b'{"event_id":"e", "event_type":"x",' + t + b',"\\u0069p":"1.2.3.4","n":{"\\u0065mail":"x","k":[{"ip":1}]},"q":true}',
        b'{"event_id":"e", "event_type":"x",' + t + b',,"a":1}',
        b'{"event_id":"e", "event_type":"x",' + t + b",}",
        b'{"event_id":"e" "event_type":"x"}',
        b'{"event_id":"e", "event_type":"x","timestamp":01}',
        b'{"event_id":"e", "event_type":"x","timestamp":1.}',
        b'{"event_id":"e", "event_type":"x","timestamp":-}',
        b'{"event_id":"e", "event_type":"x","timestamp":nul}',
        b'{"event_id":"e", "event_type":"x","timestamp":NaN}',
        b'{"event_id":"e", "event_type":"x",' + t + b',"a":[1,2,]}',
        b'{"event_id":"e", "event_type":"x",' + t + b',"a":{1:2}}',
        b"123abc", b"true", b"null", b"nope", b"\xff\xfe",
        b'}{"event_id":"r","event_type":"x","timestamp":1}',
        b'{"event_id":"e\xc3", "event_type":"x","timestamp":1}',
        b'{"event_id":"e", "event_type":"x","timestamp":"2026-12-03T10:00:00Z","a":' + b"[" * 200 + b"]" * 200 + b"}",
        b'{"event_id":"e", "event_type":"x","timestamp":"2026-12-03T10:00:00Z","a":' + b"[" * 126 + b"]" * 126 + b"}",
        b'{"event_id":"e","event_type":"x","timestamp":"2026-12-04T00:00:00Z","price":"' + b"x" * 70000 + b'","ip":"1.1.1.1"}',
        b'{"event_id":"e","event_type":"x","timestamp":"2026-12-04T00:00:00Z","price":"' + "\u20ac".encode() * 30000 + b'"}',
        b'{"timestamp":"2026-11-30T23:00:00Z","event_id":5,"timestamp":"bad"}',
        b'{"timestamp":"2026-11-30T23:00:00Z","event_id":5,,}',
        b'{"ip": "1.2.3.4","x":{"email":"a@b"},"ipx":"keep","\\u0069p":5,"l":["ip"], "oops"}',
        b'{"event_id":"b","event_type":"x","timestamp":"2026-12-01T10:00:00Z"\n{"a":\n'
        + rust_ev("after", "2026-12-01T10:00:00Z").encode(),
        b'{"email":{"a":[1,{"b":"}"}]},"ip":',
    ]


def edge_records():
    """Number, timestamp and text edges: serde_json's float parsing, chrono's leap seconds and
    U+2212, Rust's Debug escapes, lossy UTF-8."""
    return [
        b'{"event_id":"e","bad":"\xed\xa0\x80 \xf4\x90\x80\x80 \xc0\xaf \xe2\x82 \xf0\x9f\x98 \x80 \xfe\xff \xc2"}',
        ('{"event_id":"e","event_type":"x","timestamp":"bad \u00a0 \u00ad \U0001F600 \u0301x \u200d '
         '\u2028 \ue000 \U000e0041 \u0378 \u09be \u3000 \x7f \x01 \u0085 \'"}').encode("utf-8"),
        b'{"event_id":"e","event_type":"x","timestamp":"9999-12-31T23:59:59.9999999-01:00"}',
        b'{"event_id":"e","event_type":"x","timestamp":253402300800}',
        b'{"event_id":"e","event_type":"x","timestamp":253402300799.9999999}',
        b'{"event_id":"e","event_type":"x","timestamp":-62135596800.0000005}',
        b'{"event_id":"e","event_type":"x","timestamp":-0.0000005}',
        b'{"event_id":"e","event_type":"x","timestamp":1e-400}',
        b'{"event_id":"e","event_type":"x","timestamp":-123456789012345678901234567890}',
        b'{"event_id":"e","event_type":"x","timestamp":0.1e2147483648}',
        b'{"event_id":"e","event_type":"x","timestamp":0e99999999999}',
        b'{"event_id":"e","event_type":"x","timestamp":1,"z":-1e-99999999999,"r":12345678901234567890123.456e-3}',
        b'{"event_id":"e","event_type":"x","timestamp":1,"y":1.7976931348623157e308,"w":2.2250738585072014e-308,"v":5e-324}',
        b'{"event_id":"e","event_type":"x","timestamp":"2016-12-31T23:59:60.5+01:00"}',
        b'{"event_id":"e","event_type":"purchase","timestamp":1,"price":0.1,"quantity":3}',
        b'{"event_id":"e","event_type":"purchase","timestamp":1,"price":1e308,"quantity":10}',
        b'{"event_id":"e","event_type":"purchase","timestamp":1,"price":3,"quantity":-9223372036854775808}',
        b'{"event_id":"e","event_type":"purchase","timestamp":1,"price":18446744073709551616,"quantity":-0.0}',
        b'{"event_id":"e","event_type":"Purchase","timestamp":1,"price":3,"quantity":1}',
    ]


def fuzzed_records(rnd, n):
    bases = [
        b'{"event_id":"e1","event_type":"purchase","timestamp":"2026-12-01T10:00:00.5+01:00","user_id":"u","price":19.99,"quantity":2,"ip":"1.2.3.4","x":{"a":[1,2.5,-3e2,true,null,"s\\n\\u00e9"],"email":"q"}}',
        b'{"event_id":"e2","event_type":"click","timestamp":1764583200123,"email":"a@b","tags":["a","b"],"n":-0.0,"m":1e-7}',
        b'{"event_id":"e3","event_type":"x","timestamp":"2026-11-30 23:59:59Z","page_url":"h\\"t\\\\p","referrer":null,"quantity":4.0}',
        b'[1,{"a":2}]', b'"str"', b"123", b'{"a":{"b":{"c":[[[]]]}}}',
        b'{"event_id":"e4","event_type":"x","timestamp":1.5e9,"\\u0069p":"z","k":"\\ud83d\\ude00"}',
    ]
    alphabet = b'{}[]",:\\ \n\r\tabcdeu0123456789.-+eEtrufalsn\xff\xc3\x80'
    out = []
    for _ in range(n):
        b = bytearray(rnd.choice(bases))
        if rnd.random() < 0.8:
            for _ in range(rnd.randint(1, 3)):
                i = rnd.randrange(len(b)) if b else 0
                op = rnd.randrange(4)
                if not b:
                    b = bytearray(b"{")
                elif op == 0:
                    del b[i]
                elif op == 1:
                    b.insert(i, rnd.choice(alphabet))
                elif op == 2:
                    b[i] = rnd.choice(alphabet)
                else:
                    b[i:i] = b[i:i + rnd.randint(1, 10)]
        out.append(bytes(b))
    return out


def inflate_error(events):
    """A large gzip object with random bytes deep inside that zlib rejects (not just a bad CRC):
    bdctl loses the output of the read that failed, so this checks where the job's stream stops."""
    import zlib

    plain = lines(rust_ev(f"e{i}", "2026-12-01T%02d:%02d:00Z" % (i // 60 % 24, i % 60))
                  for i in range(events))
    full = gz(plain)
    rnd = random.Random(3)
    while True:
        data = bytearray(full)
        pos = rnd.randrange(len(data) // 3, len(data) - 200)
        for i in range(pos, pos + 64):
            data[i] = rnd.randrange(256)
        try:
            zlib.decompressobj(31).decompress(bytes(data))
        except zlib.error as e:
            if "check" not in str(e):
                return bytes(data)


def gz(data, level=6):
    return gzip.compress(data, level, mtime=0)


def lines(records, sep=b"\n"):
    return b"".join((r if isinstance(r, bytes) else r.encode()) + sep for r in records)


# ---------------------------------------------------------------------------------------------
# Running both and comparing


def run_reference(tmp):
    home = os.path.join(tmp, "home")
    os.makedirs(home, exist_ok=True)
    env = {"HOME": home, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TZ": "UTC"}
    return subprocess.run([BDCTL, "transform", "--date", DAY.isoformat()], cwd=tmp, env=env,
                          capture_output=True, text=True, timeout=300)


def job_lake(tmp):
    out = os.path.join(tmp, "job")
    return tj.Lake(os.path.join(tmp, ".bdctl", "raw"), os.path.join(out, "transformed"),
                   os.path.join(out, "errors"), os.path.join(out, "_bdctl"), "hive")


def tree(root):
    found = {}
    for d, _, names in os.walk(root):
        for name in names:
            path = os.path.join(d, name)
            found[os.path.relpath(path, root).replace(os.sep, "/")] = path
    return found


def read(path):
    with open(path, "rb") as f:
        return f.read()


def canonical(row):
    return tuple((k, repr(v)) for k, v in sorted(row.items()))


class Case(unittest.TestCase):
    maxDiff = 4000

    def build(self, objects):
        tmp = tempfile.mkdtemp(prefix="bdctl-job-test-")
        self.addCleanup(shutil.rmtree, tmp, True)
        for name, data in objects.items():
            path = os.path.join(tmp, ".bdctl", *RAW_DIR.split("/"), *name.split("/"))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(data)
        return tmp

    def run_job(self, lake, **selection):
        results = tj.run_job(SPARK, lake, **selection)
        self.assertEqual([r["error"] for r in results if r.get("error")], [])
        return results

    def run_both(self, objects, expect_damaged=()):
        tmp = self.build(objects)
        ref = run_reference(tmp)
        self.assertEqual(ref.returncode, 1 if expect_damaged else 0, ref.stderr)
        lake = job_lake(tmp)
        results = self.run_job(lake, dates=[DAY])
        damaged = sorted(r["manifest"]["source_key"].rsplit("/", 1)[-1] for r in results if r["damaged"])
        self.assertEqual(damaged, sorted(expect_damaged))
        stats = self.compare(os.path.join(tmp, ".bdctl"), os.path.join(tmp, "job"))
        return tmp, lake, results, stats

    def compare(self, ref_root, job_root):
        import pyarrow.parquet as pq

        stats = collections.Counter()
        for area in ("transformed", "errors", "_bdctl/manifests"):
            ref, job = tree(os.path.join(ref_root, area)), tree(os.path.join(job_root, area))
            self.assertEqual(sorted(job), sorted(ref), f"files of {area}")
            for rel in sorted(ref):
                if area == "transformed":
                    a, b = pq.read_table(ref[rel]), pq.read_table(job[rel])
                    self.assertEqual(b.schema.remove_metadata(), a.schema.remove_metadata(), rel)
                    self.assertEqual([f.type for f in b.schema], [f.type for f in a.schema], rel)
                    ra, rb = a.to_pylist(), b.to_pylist()
                    self.assertEqual(collections.Counter(map(canonical, rb)),
                                     collections.Counter(map(canonical, ra)), f"rows of {rel}")
                    self.assertEqual(rb, ra, f"row order of {rel}")
                    md = pq.ParquetFile(job[rel]).metadata
                    ref_md = pq.ParquetFile(ref[rel]).metadata
                    for g in range(md.num_row_groups):
                        for c in range(md.num_columns):
                            chunk = md.row_group(g).column(c)
                            self.assertEqual(chunk.compression, "SNAPPY")
                            # The same columns dictionary-encoded as bdctl's writer chose.
                            self.assertEqual(chunk.has_dictionary_page,
                                             ref_md.row_group(0).column(c).has_dictionary_page,
                                             f"{rel} {chunk.path_in_schema}")
                    stats["rows"] += len(ra)
                    stats["parquet_files"] += 1
                elif area == "errors":
                    la, lb = read(ref[rel]), read(job[rel])
                    self.assertEqual(sorted(lb.splitlines()), sorted(la.splitlines()), rel)
                    self.assertEqual(lb, la, f"bytes of {rel}")
                    stats["quarantined"] += la.count(b"\n")
                    stats["quarantine_files"] += 1
                else:
                    with open(ref[rel]) as f:
                        ma = json.load(f)
                    with open(job[rel]) as f:
                        mb = json.load(f)
                    for out in mb["outputs"]:
                        path = os.path.join(job_root, out["key"])
                        self.assertEqual(out["bytes"], os.path.getsize(path), out["key"])
                    for m in (ma, mb):
                        for out in m["outputs"]:
                            out["bytes"] = None
                    self.assertEqual(mb, ma, rel)
                    stats["manifests"] += 1
        parts = [os.path.join(r, "_bdctl", "partitions.json") for r in (ref_root, job_root)]
        self.assertEqual(os.path.exists(parts[1]), os.path.exists(parts[0]))
        if os.path.exists(parts[0]):
            with open(parts[0]) as a, open(parts[1]) as b:
                self.assertEqual(b.read(), a.read(), "partitions.json")
        print(f"\n  {self.id().rsplit('.', 1)[-1]}: {dict(stats)}", file=sys.stderr)
        return stats


class Equivalence(Case):
    def test_a_varied_good_events(self):
        rnd = random.Random(20261201)
        events = good_events(rnd, 3600, "a")
        objects = {
            "clicks-1-2026-12-01-00-00-00-a1.gz": gz(lines(events[:1600])),
            "clicks-1-2026-12-01-06-00-00-b2.jsonl": lines(events[1600:2600]),
            "clicks-1-2026-12-01-12-00-00-c3.gz": gz(lines(events[2600:3100]))
            + gz(lines(events[3100:])),  # two gzip members
        }
        tmp, lake, results, stats = self.run_both(objects)
        self.assertEqual(stats["rows"], 3600)
        self.assertEqual(stats["quarantined"], 0)
        self.assertEqual({o["day"] for r in results for o in r["manifest"]["outputs"]},
                         {"2026-11-30", "2026-12-01"})
        # A re-run overwrites the same files and duplicates nothing.
        snapshot = {rel: read(p) for rel, p in tree(os.path.join(tmp, "job")).items()}
        self.run_job(lake, dates=[DAY])
        again = {rel: read(p) for rel, p in tree(os.path.join(tmp, "job")).items()}
        self.assertEqual(sorted(again), sorted(snapshot))
        self.assertEqual(again, snapshot)

    def test_b_every_kind_of_bad_record(self):
        objects = {
            "bad-kinds.json": lines(every_kind_of_bad_record()),
            "bad-more.json": lines(more_bad_records()),
            "edges.json": lines(edge_records()),
        }
        _, _, results, stats = self.run_both(objects)
        kinds = next(r for r in results if r["manifest"]["source_key"].endswith("bad-kinds.json"))
        self.assertEqual(kinds["manifest"]["records"], 14)
        self.assertEqual(kinds["manifest"]["events_out"], 2)
        self.assertEqual(kinds["manifest"]["quarantined"], 12)
        self.assertGreater(stats["quarantined"], 50)

    def test_c_truncated_and_corrupt_gzip(self):
        plain = lines(rust_ev(f"e{i}", "2026-12-01T10:00:00Z") for i in range(2000))
        full = gz(plain)
        corrupt = bytearray(full)
        middle = len(corrupt) // 2
        for i in range(middle, middle + 64):
            corrupt[i] ^= 0x5A
        objects = {"truncated.gz": full[: len(full) * 2 // 3], "corrupt.gz": bytes(corrupt),
                   "corrupt-inflate.gz": inflate_error(20_000)}
        tmp, _, results, stats = self.run_both(
            objects, expect_damaged=["corrupt-inflate.gz", "corrupt.gz", "truncated.gz"])
        self.assertEqual(stats["manifests"], 0)
        truncated = next(r for r in results if r["manifest"]["source_key"].endswith("truncated.gz"))
        self.assertTrue(500 < truncated["manifest"]["events_out"] < 2000)
        self.assertEqual(truncated["manifest"]["quarantined"], 1)
        errors = tree(os.path.join(tmp, "job", "errors"))
        with open(errors["year=2026/month=12/day=01/truncated.ndjson"]) as f:
            self.assertEqual(json.loads(f.read())["reason"], "truncated")
        # The command line: outputs published, then a failure exit as bdctl's exit code 1.
        out = os.path.join(tmp, "cli")
        argv = ["transform_job.py", "--raw", os.path.join(tmp, ".bdctl", "raw"),
                "--transformed", f"{out}/transformed/", "--errors", f"{out}/errors",
                "--state", f"{out}/_bdctl", "--raw-layout", "hive", "--date", DAY.isoformat()]
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(io.StringIO()):
            with self.assertRaises(SystemExit) as exit_:
                tj.main(argv)
        self.assertEqual(str(exit_.exception), "3 of 3 objects were not transformed completely")
        self.assertEqual(json.loads(printed.getvalue())["failed"], 3)
        self.compare(os.path.join(tmp, ".bdctl"), out)

    def test_d_concatenated_and_crlf(self):
        rnd = random.Random(4)
        events = good_events(rnd, 700, "d")
        bad = b'{"event_id":"x",,"a":{"b":1}}'
        concatenated = lines(events[:300], b"") + bad + b"garbage" + lines(events[300:400], b"")
        objects = {
            "concatenated.json": concatenated,
            "crlf.gz": gz(lines(events[400:], b"\r\n")),
            "mixed.json": lines(events[:50], b" ") + lines(events[50:100], b"\n\n\t  \n")
            + b"\xef\xbb\xbf" + lines(events[100:110]),
            "bom.gz": gz(b"\xef\xbb\xbf" + lines(events[110:200]) + b"nope\n"),
            "pretty.json": b'{\n  "event_id": "p",\n  "event_type": "click",\n  "timestamp": 1764583200\n}\n',
        }
        _, _, _, stats = self.run_both(objects)
        self.assertGreater(stats["rows"], 900)

    def test_e_key_with_space_and_equals(self):
        rnd = random.Random(5)
        events = good_events(rnd, 200, "e")
        name = "clicks 2026=12=01 batch=7.json.gz"
        objects = {name: gz(lines(events + ['{"event_id":"q","event_type":"x","timestamp":"no"}'])),
                   "nested/dir/more events=1.ndjson": lines(events[:20])}
        tmp, lake, results, stats = self.run_both(objects)
        self.assertEqual(stats["quarantined"], 1)
        self.assertIn(f"{RAW_DIR}/{name}", [r["manifest"]["source_key"] for r in results])
        # --keys with the full key bdctl passes gives the same files.
        other = job_lake(tmp)
        other.transformed = tj.Root(os.path.join(tmp, "job2", "transformed"))
        other.errors = tj.Root(os.path.join(tmp, "job2", "errors"))
        other.state = tj.Root(os.path.join(tmp, "job2", "_bdctl"), "_bdctl/")
        # ... with the functions shipped by value, as when this file is the job's __main__ on Glue.
        from pyspark import cloudpickle

        tj.transform_bytes(b"{}", "warm")  # the driver's own per-process state must not travel
        cloudpickle.register_pickle_by_value(tj)
        try:
            self.run_job(other, keys=[f"{RAW_DIR}/{name}",
                                      "year=2026/month=12/day=01/nested/dir/more events=1.ndjson"])
        finally:
            cloudpickle.unregister_pickle_by_value(tj)
        self.compare(os.path.join(tmp, "job"), os.path.join(tmp, "job2"))

    def test_f_fuzzed_records(self):
        rnd = random.Random(6)
        records = fuzzed_records(rnd, 2500)
        seps = [b"\n", b"", b"\r\n", b" "]
        objects = {"fuzz-lines.json": lines(records),
                   "fuzz-mixed.gz": gz(b"".join(r + rnd.choice(seps) for r in records))}
        _, _, _, stats = self.run_both(objects)
        self.assertGreater(stats["quarantined"], 1000)


class Pieces(unittest.TestCase):
    """What the equivalence runs do not reach: both parser paths, arguments, layouts, formats."""

    def test_fast_and_exact_parsers_agree(self):
        rnd = random.Random(7)
        inputs = [lines(good_events(rnd, 300, "p")), lines(every_kind_of_bad_record()),
                  lines(more_bad_records()), lines(edge_records()),
                  lines(fuzzed_records(rnd, 800), b"")]
        for data in inputs:
            tj.FAST_PATH = True
            fast = tj.transform_bytes(data, "k")
            tj.FAST_PATH = False
            try:
                exact = tj.transform_bytes(data, "k")
            finally:
                tj.FAST_PATH = True
            self.assertEqual(exact.days, fast.days)
            self.assertEqual(exact.bad, fast.bad)
            self.assertEqual((exact.records, exact.events_out), (fast.records, fast.events_out))

    def test_float_and_debug_formats(self):
        self.assertEqual([tj.zmij_f64(x) for x in (1e30, 1.5e-7, 1e15, 1e16, 1e-5, 1e-6, -0.0, 100.0)],
                         ["1e+30", "1.5e-7", "1000000000000000.0", "1e+16", "0.00001", "1e-6", "-0.0", "100.0"])
        self.assertEqual(tj.rust_display_f64(1e20), "100000000000000000000")
        self.assertEqual(tj.rust_display_f64(1.5e-7), "0.00000015")
        self.assertEqual(tj.rust_debug_str('a"\t\u0301\u200b\0é'), '"a\\"\\t\\u{301}\\u{200b}\\0é"')

    def test_layouts_and_names(self):
        self.assertEqual(tj.raw_key_day("hive", "year=2024/month=03/day=07/x.gz"), dt.date(2024, 3, 7))
        self.assertEqual(tj.raw_key_day("firehose", "2024/03/07/09/x.gz"), dt.date(2024, 3, 7))
        self.assertIsNone(tj.raw_key_day("firehose", "2024/02/30/09/x.gz"))
        self.assertEqual(tj.raw_day_prefix("firehose", dt.date(2024, 3, 7)), "2024/03/07/")
        self.assertEqual(tj.stem("raw/x/clicks-1-2024-06-01-00-00-00-abc.json.gz"),
                         "clicks-1-2024-06-01-00-00-00-abc")
        root = tj.Root("s3://bucket/raw/")
        self.assertEqual((root.base, root.key_prefix, root.key("a/b.gz")), ("bucket/raw", "raw/", "raw/a/b.gz"))
        self.assertEqual(tj.Root("s3://bucket").key_prefix, "")

    def test_arguments_plain_and_glue(self):
        argv = ["job", "--raw", "s3://b/raw/", "--transformed", "s3://b/transformed/", "--errors",
                "s3://b/errors/", "--state", "s3://b/_bdctl/", "--raw-layout", "firehose",
                "--date", "2026-12-01,2026-12-02", "--date", "2026-12-03"]
        lake, dates, keys = tj.parse_args(argv)
        self.assertEqual(lake.layout, "firehose")
        self.assertEqual(dates, [dt.date(2026, 12, d) for d in (1, 2, 3)])
        self.assertEqual(keys, [])
        with self.assertRaises(SystemExit):
            tj.parse_args(argv[:9])  # neither --date nor --keys

        calls = []

        def get_resolved_options(args, options):
            calls.append(list(options))
            out = {}
            for o in options:
                i = args.index(f"--{o}")
                out[o.replace("-", "_")] = args[i + 1]
            return out

        glue = types.ModuleType("awsglue")
        glue.utils = types.ModuleType("awsglue.utils")
        glue.utils.getResolvedOptions = get_resolved_options
        sys.modules["awsglue"], sys.modules["awsglue.utils"] = glue, glue.utils
        try:
            argv = ["job", "--JOB_NAME", "t", "--raw", "s3://b/raw/", "--transformed", "s3://b/t/",
                    "--errors", "s3://b/e/", "--state", "s3://b/_bdctl/", "--keys", "raw/x/a.gz,raw/x/b.gz"]
            lake, dates, keys = tj.parse_args(argv)
        finally:
            del sys.modules["awsglue"], sys.modules["awsglue.utils"]
        self.assertEqual(calls, [["raw", "transformed", "errors", "state", "keys"]])
        self.assertEqual((lake.layout, dates, keys), ("hive", [], ["raw/x/a.gz", "raw/x/b.gz"]))


if __name__ == "__main__":
    unittest.main()
