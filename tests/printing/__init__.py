"""Tests of the print layer: text layout, fonts and the PDFs they make."""
