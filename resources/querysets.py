from portal.access import VisibilityQuerySet


class ResourceQuerySet(VisibilityQuerySet):
    def published(self):
        return self.filter(is_published=True)

    def featured(self):
        return self.filter(is_featured=True)

    def for_list(self):
        """What a list of resource cards needs, in a constant number of queries."""
        return self.defer("body").prefetch_related("topics")
