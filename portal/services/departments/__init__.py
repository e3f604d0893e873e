"""The departments the plan names: what each leads, co-leads and has promised."""
