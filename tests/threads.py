"""Real concurrency for tests: threads released together, each on its own database connection."""

import threading

from django.db import connections


def race(count, action):
    """Run ``action(i)`` in ``count`` threads released at once; (results, errors), one of each per thread."""
    barrier = threading.Barrier(count)
    results, errors = [None] * count, [None] * count

    def run(i):
        try:
            barrier.wait()
            results[i] = action(i)
        except Exception as error:  # noqa: BLE001 - the test reads what each thread met
            errors[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results, errors
