"""Table reconciliation rules, registered with :mod:`nlp.rules` (scope ``tables``).

:mod:`.within` — identities inside one table; :mod:`.between` — identities across tables;
:mod:`.perf` — scores, total and grade of the 绩效自评表; :mod:`.generic` — sums and
changes inside tables no template names.
Importing this package registers them; ``shuoming check`` does so.
"""

from . import between, generic, perf, within  # noqa: F401
