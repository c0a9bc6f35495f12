"""Former home of :mod:`ketnap.training` and :mod:`ketnap.review`; kept only for one import.

``ketnap.runner.WARM_UP`` (owned by the build, which is moving to ``ketnap/build/``) still imports
``ketnap.pipeline`` to warm each report kernel. Nothing else may use this module: once the warm-up
names ``ketnap.training`` and ``ketnap.review``, delete this file.
"""

from __future__ import annotations

from ketnap import review, training

__all__ = ["review", "training"]
