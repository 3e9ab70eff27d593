"""Runs each transform function through the Lambda emulator on the same raw object and reports
init time, duration, peak memory and the cost per million objects at Lambda's arm64 prices.

Usage: python bench_lambda.py --emulator URL --moto URL --object PATH --rust BOOTSTRAP --shared DIR
"""
import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request

import boto3

# Lambda on arm64 (us-east-1): per GB-second and per request.
ARM64_GB_SECOND = 0.0000133334
PER_REQUEST = 0.20 / 1e6


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def invoke(emulator, name, event):
    request = urllib.request.Request(
        f"{emulator}/2015-03-31/functions/{name}/invocations", data=json.dumps(event).encode(), method="POST"
    )
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=600) as answer:
        body = answer.read()
    return time.perf_counter() - started, json.loads(body)


def memory_setting(peak_mb):
    """The smallest Lambda memory that holds the peak with a quarter to spare, in 64 MB steps."""
    return max(128, math.ceil(peak_mb * 1.25 / 64) * 64)


def measure(label, name, command, env, emulator, event, rounds):
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    spawned = time.perf_counter()
    try:
        first, answer = invoke(emulator, name, event)
        cold = time.perf_counter() - spawned
        warm = [invoke(emulator, name, event)[0] for _ in range(rounds)]
        peak = peak_rss_mb(process.pid)
    finally:
        process.kill()
        process.wait()
    duration = statistics.median(warm)
    # The cold call pays the start-up and one invocation; a warm call only the invocation.
    init = max(cold - duration, 0.0)
    memory = memory_setting(peak)
    per_million = 1e6 * (duration * memory / 1024 * ARM64_GB_SECOND + PER_REQUEST)
    return {
        "function": label,
        "init_ms": round(init * 1000, 1),
        "duration_ms": round(duration * 1000, 1),
        "peak_rss_mb": round(peak, 1),
        "memory_mb": memory,
        "usd_per_million_objects": round(per_million, 2),
        "answer": answer,
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--emulator", required=True)
    ap.add_argument("--moto", required=True)
    ap.add_argument("--object", required=True)
    ap.add_argument("--rust", required=True)
    ap.add_argument("--shared", required=True)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()

    credentials = {"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench", "AWS_REGION": "us-east-1"}
    os.environ.update(credentials)
    s3 = boto3.client("s3", endpoint_url=args.moto)
    raw, rust_lake, pandas_lake = "bench-raw", "bench-lake-rust", "bench-lake-pandas"
    for bucket in (raw, rust_lake, pandas_lake):
        s3.create_bucket(Bucket=bucket)
    key = "raw/year=2024/month=06/day=01/" + os.path.basename(args.object)
    s3.upload_file(args.object, raw, key)
    size = os.path.getsize(args.object)
    event = {"Records": [{"eventName": "ObjectCreated:Put", "s3": {
        "bucket": {"name": raw}, "object": {"key": urllib.parse.quote_plus(key, safe="/"), "size": size}}}]}

    base = {"PATH": os.environ["PATH"], "AWS_LAMBDA_FUNCTION_VERSION": "1",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "1024", **credentials}
    # The emulator routes invocations by the package's binary names: each function takes one.
    rust = measure("bdctl-lambda (Rust)", "bdctl-lambda", [args.rust], {
        **base, "AWS_LAMBDA_FUNCTION_NAME": "bdctl-lambda",
        "AWS_LAMBDA_RUNTIME_API": f"{args.emulator}/.rt/bdctl-lambda",
        "BDCTL_BACKEND": "aws", "BDCTL_ENDPOINT_URL": args.moto, "BDCTL_RAW_BUCKET": raw,
        "BDCTL_TRANSFORMED_BUCKET": rust_lake, "BDCTL_MAX_ATTEMPTS": "1",
    }, args.emulator, event, args.rounds)
    pandas = measure("pandas + pyarrow (seed)", "bdctl",
                     [sys.executable, os.path.join(os.path.dirname(__file__), "pandas_function.py"), args.shared], {
        **base, "AWS_LAMBDA_FUNCTION_NAME": "bdctl",
        "AWS_LAMBDA_RUNTIME_API": f"{args.emulator}/.rt/bdctl",
        "BENCH_S3_ENDPOINT": args.moto, "BENCH_LAKE_BUCKET": pandas_lake,
    }, args.emulator, event, args.rounds)

    events = rust["answer"]["objects"][0]["manifest"]["events_out"]
    print(f"object: {os.path.basename(args.object)}, {size / 1e6:.1f} MB gzip, {events} events "
          f"(pandas: {pandas['answer']['events']})")
    columns = ["function", "init_ms", "duration_ms", "peak_rss_mb", "memory_mb", "usd_per_million_objects"]
    print("\t".join(columns))
    for row in (rust, pandas):
        print("\t".join(str(row[c]) for c in columns))
    print(f"ratios (pandas / Rust): init {pandas['init_ms'] / max(rust['init_ms'], 0.1):.0f}x, "
          f"duration {pandas['duration_ms'] / rust['duration_ms']:.1f}x, "
          f"memory {pandas['peak_rss_mb'] / rust['peak_rss_mb']:.1f}x, "
          f"cost per object {pandas['usd_per_million_objects'] / rust['usd_per_million_objects']:.1f}x")


if __name__ == "__main__":
    main()
