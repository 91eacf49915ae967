"""The process engine (网上行政审批's workflow): vocabulary of steps, stages and pauses, and the legal clock.

Process *definitions* are data on the item version (``catalog.ProcessStep``, reviewed and published with the
guide, ADR 0017); step *instances* and pauses are rows of ``cases``. This app holds what both need and what
is independent of either: the step and pause vocabulary (:mod:`.choices`), the planning of a definition into
sequential and parallel stages with their join rule (:mod:`.stages`), and the working-day clock with pauses
(:mod:`.clock`). It has no models. Arrows: workflow → core, org.
"""
