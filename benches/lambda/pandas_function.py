"""The seed's transform function, for comparison: a handler around the pandas anchor
(../shared/bench/anchor_a_pandas.py) that reads the object named by an S3 event from S3 and writes
its partitioned Parquet back, served by a plain loop over the Lambda Runtime API (what
awslambdaric does for the python runtimes).

Usage: python pandas_function.py SHARED_BENCH_DIR   (AWS_LAMBDA_RUNTIME_API, BENCH_S3_ENDPOINT,
BENCH_LAKE_BUCKET in the environment)
"""
import json
import os
import sys
import tempfile
import urllib.parse
import urllib.request

sys.path.insert(0, sys.argv[1])
import boto3  # noqa: E402
import anchor_a_pandas  # noqa: E402  (imports pandas and pyarrow: the function's init)

s3 = boto3.client("s3", endpoint_url=os.environ["BENCH_S3_ENDPOINT"])
lake = os.environ["BENCH_LAKE_BUCKET"]
api = os.environ["AWS_LAMBDA_RUNTIME_API"]
if not api.startswith("http"):
    api = "http://" + api


def handler(event):
    events = 0
    for record in event["Records"]:
        bucket = record["s3"]["bucket"]["name"]
        key = urllib.parse.unquote_plus(record["s3"]["object"]["key"])
        with tempfile.TemporaryDirectory() as work:
            path = os.path.join(work, "object.gz")
            s3.download_file(bucket, key, path)
            out = os.path.join(work, "out")
            count, _ = anchor_a_pandas.handler(path, out)
            events += count
            for directory, _, names in os.walk(out):
                for name in names:
                    local = os.path.join(directory, name)
                    s3.upload_file(local, lake, "transformed/" + os.path.relpath(local, out))
    return {"events": events}


while True:
    with urllib.request.urlopen(api + "/2018-06-01/runtime/invocation/next") as next_event:
        request_id = next_event.headers["Lambda-Runtime-Aws-Request-Id"]
        event = json.loads(next_event.read())
    answer = json.dumps(handler(event)).encode()
    urllib.request.urlopen(
        urllib.request.Request(api + f"/2018-06-01/runtime/invocation/{request_id}/response", data=answer, method="POST")
    ).read()
