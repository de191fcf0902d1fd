from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from api.models import ApiToken


class Command(BaseCommand):
    help = (
        "Issue an API token for an account and print its key, once: only a digest is stored. "
        "Read-only tokens read; read-write ones also write, within the account's permissions."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="What will use it, e.g. 'ATS sync'.")
        parser.add_argument(
            "--scope",
            choices=ApiToken.Scope.values,
            default=ApiToken.Scope.READ,
            help="read (default) or write.",
        )
        parser.add_argument(
            "--days", type=int, default=90, help="Days until it expires (default 90)."
        )

    def handle(self, *args, username, name, scope, days, **options):
        if days < 1:
            raise CommandError("--days must be 1 or more.")
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active account is called {username!r}.")
        token, key = ApiToken.issue(user, name=name, scope=scope, days=days)
        self.stderr.write(
            f"{token.get_scope_display()} token {token.name!r} for {username}, expires "
            f"{token.expires:%Y-%m-%d}. The key is shown only now:"
        )
        self.stdout.write(key)
