"""`lapak report`: the programme's funnel and every seller's to-do, as data and as one page."""

from generator.report.funnel import FunnelReport, SellerLine, funnel_report, load_market, report_data
from generator.report.page import render_report, write_report

__all__ = ["FunnelReport", "SellerLine", "funnel_report", "load_market", "render_report", "report_data", "write_report"]
