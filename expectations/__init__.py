"""expectations package: GX suites as code and the publish gate.

``validate`` and ``publish_decision`` are re-exported here; Great Expectations itself is imported only when
``validate`` runs (it takes seconds to import).
"""

from expectations.gate import ExpectationResult, ValidationReport, publish_decision, validate

__all__ = ["ExpectationResult", "ValidationReport", "publish_decision", "validate"]
