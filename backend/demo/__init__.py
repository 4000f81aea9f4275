"""Demo data for Harrastuspassi: hand-written content and an idempotent loader.

``load_demo()`` writes municipalities, the category tree, providers, venues, a few hundred
hobbies with their sessions, benefits and three CMS users. Every row is keyed (slug, code,
``data_source="demo"`` + origin id, username), so running it again changes nothing.
"""

from .loader import DEMO_SOURCE, load_demo
from .report import DemoReport

__all__ = ["DEMO_SOURCE", "DemoReport", "load_demo"]
