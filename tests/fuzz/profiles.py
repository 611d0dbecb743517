"""How long the fuzz tests run: a few seconds in ``make test``, as long as you like in ``make fuzz``.

``LESSONS_FUZZ=long`` (what ``make fuzz`` sets) runs thousands of examples per test;
``LESSONS_FUZZ_EXAMPLES=N`` sets the number directly. The profiles are applied to the
fuzz tests only, so the rest of the suite keeps Hypothesis' defaults.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings

_COMMON = {"deadline": None, "phases": [Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
           "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large,
                                                         HealthCheck.filter_too_much]}
# The quick run is the same every time, so `make test` cannot fail by chance; `make fuzz` explores.
settings.register_profile("lessons-fuzz-quick", max_examples=60, derandomize=True, **_COMMON)
settings.register_profile("lessons-fuzz-long", max_examples=3000, **_COMMON)

_examples = os.environ.get("LESSONS_FUZZ_EXAMPLES")
FUZZ = (settings(settings.get_profile("lessons-fuzz-quick"), max_examples=int(_examples)) if _examples
        else settings.get_profile(f"lessons-fuzz-{os.environ.get('LESSONS_FUZZ', 'quick')}"))
