"""Settings for bench/api.py only: the product settings with the bench URLconf on top."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.api_urls"
