"""Production's settings with the baseline page wired (bench.baseline_urls); only bench/archive.sh uses them."""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "bench.baseline_urls"
