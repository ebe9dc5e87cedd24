"""PDF pages as images: for the preview and for sending a plan to a printer.

Qt without its PDF module cannot print a PDF, so PDFium (pypdfium2) paints
each page into an image in memory, which goes onto the printer's page. The
PDF never touches the disk on the way.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from intake_desktop.i18n import _


def page_images(data: bytes, dpi: float) -> Iterator[QImage]:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        for index in range(len(document)):
            page = document[index]
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True, prefer_bgrx=True)
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_RGBX8888)
            # copy(): the bitmap's memory is freed when PDFium lets go of it.
            yield image.copy()
            bitmap.close()
            page.close()
    finally:
        document.close()


def print_pdf(data: bytes, printer) -> int:
    """Paint every page onto the printer; returns the number of pages sent."""
    dpi = min(printer.resolution(), 300)
    painter = QPainter()
    if not painter.begin(printer):
        raise RuntimeError("the printer could not be opened")
    count = 0
    try:
        for image in page_images(data, dpi):
            if count:
                printer.newPage()
            target = painter.viewport()
            scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(target.topLeft(), scaled), image)
            count += 1
    finally:
        painter.end()
    return count


class PdfPreview(QDialog):
    """The pages of a PDF as they will print, one under the other."""

    def __init__(self, data: bytes, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.setWindowTitle(title)
        pages = QWidget()
        pages.setObjectName("previewPages")
        layout = QVBoxLayout(pages)
        self.page_labels = []
        for number, image in enumerate(page_images(data, 80), start=1):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setAccessibleName(_("Pagina {page}").format(page=number))
            label.setStyleSheet("border: 1px solid #999; background: white;")
            layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)
        scroll = QScrollArea()
        scroll.setWidget(pages)
        scroll.setWidgetResizable(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Sluiten"))
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(scroll, 1)
        outer.addWidget(buttons)
        available = self.screen().availableGeometry() if self.screen() else None
        height = min(900, int(available.height() * 0.9)) if available else 900
        self.resize(760, height)
