"""Settings for bench/pages.py only: the product settings with the bench URLconf on top."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.pages_urls"
