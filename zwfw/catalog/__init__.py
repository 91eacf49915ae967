"""catalog: the item catalogue (权力事项管理系统, 事项库) — service items, their versions and guides,
classifications, the five lists, open information and convenience services, and the search index."""
