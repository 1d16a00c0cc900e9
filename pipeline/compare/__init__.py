"""Regions and years side by side: ``notice-tasks compare`` over the pipeline's Parquet outputs.

inputs (files → notices) → panel, themes, keywords, changes, units → result → report (HTML + SVG) → stage (writes outputs/compare/).
"""
