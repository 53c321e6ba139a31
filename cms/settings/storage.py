"""Where uploaded media live, from the environment: the local disk (MEDIA_ROOT) unless
MEDIA_S3_BUCKET names a bucket on an S3-compatible store (cms/storage.py)."""

from collections.abc import Mapping
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

ADDRESSING_STYLES = ("auto", "virtual", "path")
# How long a signed document URL stays valid, unless MEDIA_S3_SIGNED_URL_SECONDS says.
DEFAULT_SIGNED_URL_SECONDS = 300


def _value(environ: Mapping[str, str], name: str, default: str = "") -> str:
    return (environ.get(name) or "").strip() or default


def media_s3_settings(environ: Mapping[str, str]) -> dict | None:
    """The settings for media on object storage, or None when MEDIA_S3_BUCKET is not set:
    `STORAGE` (the STORAGES["default"] entry), `MEDIA_URL` (the public images' base URL, which
    the Content-Security-Policy allows) and `WAGTAILDOCS_SERVE_METHOD`."""
    bucket = _value(environ, "MEDIA_S3_BUCKET")
    if not bucket:
        return None
    endpoint_url = _value(environ, "MEDIA_S3_ENDPOINT_URL").rstrip("/")
    region = _value(environ, "MEDIA_S3_REGION")
    custom_domain = _value(environ, "MEDIA_S3_CUSTOM_DOMAIN").strip("/")
    addressing_style = _value(environ, "MEDIA_S3_ADDRESSING_STYLE", "auto").lower()
    access_key = _value(environ, "MEDIA_S3_ACCESS_KEY_ID")
    secret_key = _value(environ, "MEDIA_S3_SECRET_ACCESS_KEY")
    location = _value(environ, "MEDIA_S3_LOCATION").strip("/")
    signed_seconds = _value(environ, "MEDIA_S3_SIGNED_URL_SECONDS", str(DEFAULT_SIGNED_URL_SECONDS))

    if addressing_style not in ADDRESSING_STYLES:
        raise ImproperlyConfigured(
            f"MEDIA_S3_ADDRESSING_STYLE must be one of {', '.join(ADDRESSING_STYLES)},"
            f" got {addressing_style!r}"
        )
    if endpoint_url and not urlsplit(endpoint_url).netloc:
        raise ImproperlyConfigured(
            f"MEDIA_S3_ENDPOINT_URL must be a URL such as https://oss-cn-shanghai.aliyuncs.com,"
            f" got {endpoint_url!r}"
        )
    if not endpoint_url and not region:
        raise ImproperlyConfigured("MEDIA_S3_BUCKET on AWS needs MEDIA_S3_REGION (e.g. ap-east-1)")
    if bool(access_key) != bool(secret_key):
        raise ImproperlyConfigured(
            "Set both MEDIA_S3_ACCESS_KEY_ID and MEDIA_S3_SECRET_ACCESS_KEY, or neither"
            " (then boto3 finds credentials itself: AWS_* variables, a role)"
        )
    try:
        signed_url_seconds = int(signed_seconds)
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"MEDIA_S3_SIGNED_URL_SECONDS must be a number of seconds, got {signed_seconds!r}"
        ) from exc
    if not 1 <= signed_url_seconds <= 7 * 24 * 3600:
        raise ImproperlyConfigured(
            f"MEDIA_S3_SIGNED_URL_SECONDS must be between 1 and 604800, got {signed_url_seconds}"
        )

    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint_url or None,
        "region_name": region or None,
        "addressing_style": None if addressing_style == "auto" else addressing_style,
        "signature_version": "s3v4",
        "custom_domain": custom_domain or None,
        "location": location,
        # Public images get plain URLs, the rest signed ones (cms.storage.MediaStorage decides).
        "querystring_auth": False,
        "querystring_expire": signed_url_seconds,
        # No ACL on uploads: the bucket's own (private) applies; its policy opens the image
        # folders. Never overwrite: a new file with a taken name gets a suffix, as on disk.
        "default_acl": None,
        "file_overwrite": False,
    }
    if access_key:
        options["access_key"] = access_key
        options["secret_key"] = secret_key
    return {
        "STORAGE": {"BACKEND": "cms.storage.MediaStorage", "OPTIONS": options},
        "MEDIA_URL": _public_base_url(
            bucket=bucket,
            endpoint_url=endpoint_url,
            region=region,
            custom_domain=custom_domain,
            addressing_style=addressing_style,
            location=location,
        ),
        # The document view checks the collection's privacy, then redirects to a signed URL.
        "WAGTAILDOCS_SERVE_METHOD": "redirect",
    }


def _public_base_url(
    *,
    bucket: str,
    endpoint_url: str,
    region: str,
    custom_domain: str,
    addressing_style: str,
    location: str,
) -> str:
    """Where public images are read from, as MediaStorage writes their URLs (botocore uses
    path-style addressing at a custom endpoint unless told `virtual`)."""
    prefix = f"{location}/" if location else ""
    if custom_domain:
        return f"https://{custom_domain}/{prefix}"
    if endpoint_url:
        parts = urlsplit(endpoint_url)
        if addressing_style == "virtual":
            return f"{parts.scheme}://{bucket}.{parts.netloc}/{prefix}"
        return f"{endpoint_url}/{bucket}/{prefix}"
    domain = "amazonaws.com.cn" if region.startswith("cn-") else "amazonaws.com"
    if addressing_style == "path":
        return f"https://s3.{region}.{domain}/{bucket}/{prefix}"
    return f"https://{bucket}.s3.{region}.{domain}/{prefix}"
