from django.db.models import F

from resources.models import Resource


def resource_record_download(*, resource: Resource) -> None:
    # An UPDATE with F() so simultaneous downloads are all counted.
    Resource.objects.filter(pk=resource.pk).update(download_count=F("download_count") + 1)
