"""The account a management command acts for (``--user``): named in history, its permissions
checked like an editor's."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError


def account(username):
    """The active user called ``username``; None when no name is given (the operator)."""
    if not username:
        return None
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"--user: no active account is called {username!r}.")
    return user
