"""Print, or put on the bucket, the policy that opens the image folders of the media bucket."""

import json

from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError

from cms.storage import MediaStorage, public_read_policy, public_read_policy_apply


class Command(BaseCommand):
    help = (
        "With media on object storage (MEDIA_S3_BUCKET): print the bucket policy that lets "
        "anyone read images and renditions (original_images/, images/, avatar_images/) and "
        "nothing else, so documents stay private; --apply puts it on the bucket, replacing "
        "the bucket's policy."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--apply", action="store_true", help="Put the policy on the bucket (PutBucketPolicy)."
        )

    def handle(self, *args, apply: bool = False, **options):
        storage = storages["default"]
        if not isinstance(storage, MediaStorage):
            raise CommandError("Media are not on object storage: set MEDIA_S3_BUCKET first.")
        policy = public_read_policy_apply(storage) if apply else public_read_policy(storage)
        self.stdout.write(json.dumps(policy, indent=2))
        if apply:
            self.stderr.write(f"Policy put on bucket {storage.bucket_name}.")
