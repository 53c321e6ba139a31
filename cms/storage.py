"""Uploaded media on an S3-compatible object store (AWS S3, Alibaba OSS, Tencent COS, MinIO),
through django-storages; configured by the MEDIA_S3_* settings (cms/settings/storage.py).

One bucket, private as a whole. What anyone may read, the folders Wagtail writes images and
renditions into (cms.media.PUBLIC_MEDIA_FOLDERS), gets plain URLs (through the custom domain when
there is one) that caches and CDNs can keep; the bucket's policy grants public read on those
folders only (README, "Media storage"). Everything else, documents above all, gets a short-lived
signed URL at the store itself, and only Wagtail's document view hands one out, after it has
checked the privacy of the document's collection.
"""

import json
import posixpath

from storages.backends.s3 import S3Storage
from storages.utils import clean_name

from cms.media import PUBLIC_MEDIA_FOLDERS

# How long a browser or CDN may keep a public image: names are never reused while a file
# exists (file_overwrite is off), and renditions carry their filter and focal point in the name.
PUBLIC_CACHE_CONTROL = "public, max-age=86400"
PRIVATE_CACHE_CONTROL = "private, no-store"


def is_public_media(name: str) -> bool:
    """Whether the stored file `name` lies in a folder anyone may read."""
    path = posixpath.normpath(clean_name(name)).lstrip("/")
    if path.startswith("..") or path in {"", "."}:
        return False
    return path.split("/", 1)[0] in PUBLIC_MEDIA_FOLDERS


class MediaStorage(S3Storage):
    """S3Storage with plain URLs for public images and signed ones for everything else."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        if is_public_media(name):
            # querystring_auth is off for this storage: a plain, cacheable URL.
            return super().url(name, parameters=parameters, expire=expire, http_method=http_method)
        return self.signed_url(name, parameters=parameters, expire=expire, http_method=http_method)

    def signed_url(self, name, *, parameters=None, expire=None, http_method=None) -> str:
        """A URL at the store itself (never the custom domain, which may be a CDN that keeps
        what it fetched), signed, valid for `querystring_expire` seconds."""
        params = dict(parameters or {})
        params["Bucket"] = self.bucket.name
        params["Key"] = self._normalize_name(clean_name(name))
        return self.connection.meta.client.generate_presigned_url(
            "get_object",
            Params=params,
            ExpiresIn=self.querystring_expire if expire is None else expire,
            HttpMethod=http_method,
        )

    def get_object_parameters(self, name):
        parameters = super().get_object_parameters(name)
        parameters.setdefault(
            "CacheControl",
            PUBLIC_CACHE_CONTROL if is_public_media(name) else PRIVATE_CACHE_CONTROL,
        )
        return parameters


def public_read_policy(storage: MediaStorage) -> dict:
    """The bucket policy that lets anyone read the image folders, and nothing else, of the
    bucket `storage` writes to (S3 syntax: AWS, MinIO; OSS and COS take the same grant in their
    own consoles)."""
    partition = "aws-cn" if (storage.region_name or "").startswith("cn-") else "aws"
    prefix = f"{storage.location.strip('/')}/" if storage.location.strip("/") else ""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "TapestryPublicImages",
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": [
                    f"arn:{partition}:s3:::{storage.bucket_name}/{prefix}{folder}/*"
                    for folder in PUBLIC_MEDIA_FOLDERS
                ],
            }
        ],
    }


def public_read_policy_apply(storage: MediaStorage) -> dict:
    """Put `public_read_policy` on the bucket (replacing its policy); returns it."""
    policy = public_read_policy(storage)
    storage.connection.meta.client.put_bucket_policy(
        Bucket=storage.bucket_name, Policy=json.dumps(policy)
    )
    return policy
