"""The schema says which operations need no credentials, so clients (and schemathesis) know.

drf-spectacular marks an operation as open to anonymous clients (an empty security
requirement, ``{}``) only for AllowAny and IsAuthenticatedOrReadOnly; our reads are open through
DjangoModelPermissionsOrAnonReadOnly, which it does not recognise, so every read claimed to need
a token (schemathesis ST401 on 31 operations).
"""

from drf_spectacular.openapi import AutoSchema
from rest_framework import permissions

ANONYMOUS_READS = (permissions.DjangoModelPermissionsOrAnonReadOnly,)


class SkillAtlasAutoSchema(AutoSchema):
    def get_auth(self):
        auths = super().get_auth()
        reads_open = self.method in permissions.SAFE_METHODS and any(
            isinstance(permission, ANONYMOUS_READS) for permission in self.view.get_permissions()
        )
        if reads_open and {} not in auths:
            auths.append({})
        return auths
