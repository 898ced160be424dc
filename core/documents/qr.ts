/**
 * A QR code painted as vector squares on a pdfkit page: `qrcode` computes the
 * module matrix (pdfkit has no QR support), pdfkit fills one square per dark
 * module, so the code stays sharp at any print size and needs no image.
 */
import QRCode from 'qrcode';

/** Paints `text` as a QR code of `size` points with its top-left corner at (x, y), a quiet zone included. */
export function drawQrCode(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  // Four modules of quiet zone on each side, as scanners expect.
  const cell = size / (modules.size + 8);
  doc.save();
  doc.rect(x, y, size, size).fill('white');
  doc.fillColor('black');
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (modules.get(row, col)) doc.rect(x + (col + 4) * cell, y + (row + 4) * cell, cell, cell);
    }
  }
  doc.fill('black');
  doc.restore();
}
