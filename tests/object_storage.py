"""A local S3 API for the tests: moto's server on a loopback port, with the media bucket, and
the MEDIA_S3_* settings that point Tapestry at it (the `s3_endpoint` fixture is in
tests/conftest.py)."""

import logging
from collections.abc import Iterator

BUCKET = "tapestry-media"
SIGNED_URL_SECONDS = 120


def s3_client_options(endpoint: str) -> dict:
    return {
        "endpoint_url": endpoint,
        "region_name": "us-east-1",
        "aws_access_key_id": "tapestry-test",
        "aws_secret_access_key": "tapestry-test-secret",
    }


def s3_environ(endpoint: str, **extra: str) -> dict:
    """The MEDIA_S3_* variables of media on the bucket at `endpoint`."""
    return {
        "MEDIA_S3_BUCKET": BUCKET,
        "MEDIA_S3_ENDPOINT_URL": endpoint,
        "MEDIA_S3_REGION": "us-east-1",
        "MEDIA_S3_ACCESS_KEY_ID": "tapestry-test",
        "MEDIA_S3_SECRET_ACCESS_KEY": "tapestry-test-secret",
        "MEDIA_S3_SIGNED_URL_SECONDS": str(SIGNED_URL_SECONDS),
        **extra,
    }


def s3_server_running() -> Iterator[str]:
    """moto's server on a free loopback port with the bucket made; yields its URL."""
    import boto3  # here, not at the suite's start: only the tests that ask for it need them
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # a line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        endpoint = f"http://{host}:{port}"
        boto3.client("s3", **s3_client_options(endpoint)).create_bucket(Bucket=BUCKET)
        yield endpoint
    finally:
        server.stop()
