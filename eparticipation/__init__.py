"""The e-Participation Workshop Book's one package: data, analysis, charts, workbook and exercises.

Notebooks call into this package; it never reads notebook globals.
"""

__version__ = "0.1.0"
