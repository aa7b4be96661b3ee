"""Table reconciliation rules, registered with :mod:`nlp.rules` (scope ``tables``).

:mod:`.within` — identities inside one table; :mod:`.between` — identities across tables.
Importing this package registers them; ``shuoming check`` does so.
"""

from . import between, within  # noqa: F401
