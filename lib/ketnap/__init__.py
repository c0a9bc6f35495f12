"""ketnap: admissions of new Party members (kết nạp đảng viên) by sector against target.

The package holds everything the notebooks call: paths and configuration (`config`), reading the
returns (`ingest`), loading processed tables (`io`), periods (`periods`), metrics (`metrics`),
formatting and the label catalog (`fmt`, `labels`), narrative sentences (`narrative`), charts
(`charts`), the report build (`build`) and the command line (`cli`).
"""

__version__ = "0.1.0"
