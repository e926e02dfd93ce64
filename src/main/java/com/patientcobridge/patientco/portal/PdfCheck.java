package com.patientcobridge.patientco.portal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

/** Whether downloaded bytes are a whole PDF: its header, its end marker, and PDFBox reading a page from it. */
public final class PdfCheck {

    private PdfCheck() {
    }

    /** Why the bytes are not a whole PDF, or null when they are. */
    public static String problem(byte[] pdf) {
        if (pdf == null || pdf.length < 8 || !new String(pdf, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-")) {
            return "not a PDF (no %PDF- header)";
        }
        String tail = new String(pdf, Math.max(0, pdf.length - 1024), Math.min(1024, pdf.length),
                StandardCharsets.ISO_8859_1);
        if (!tail.contains("%%EOF")) {
            return "cut short (no %%EOF at its end, " + pdf.length + " bytes)";
        }
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return doc.getNumberOfPages() > 0 ? null : "a PDF without pages";
        } catch (IOException | RuntimeException e) {
            return "PDFBox cannot read it: " + e.getClass().getSimpleName();
        }
    }
}
