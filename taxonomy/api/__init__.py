"""The taxonomy's data shapes for the REST API: read serializers, list filters, visibility.

HTTP (viewsets, URLs, errors, ETags) lives in the top-level ``api`` package, which composes
this module with ``interviews.api`` the way the admin composes the skill form. Nothing here
knows about interview questions: ``interviews`` depends on ``taxonomy``, never the reverse.
"""
