package com.patientcobridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/** A statement as a real one-page PDF (PDFBox): its dates, amounts and line items. */
final class StatementPdf {

    private StatementPdf() {
    }

    static byte[] render(JsonNode statement) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            doc.addPage(page);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            PDType1Font plain = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
                text.beginText();
                text.setFont(bold, 14);
                text.newLineAtOffset(50, 740);
                text.showText("Patient statement " + statement.path("id").asText());
                text.setFont(plain, 10);
                text.setLeading(14);
                text.newLine();
                text.showText("Account " + statement.path("accountId").asText() + "   Statement date "
                        + statement.path("statementDate").asText() + "   Due " + statement.path("dueDate").asText());
                text.newLine();
                text.showText("Previous balance " + statement.path("previousBalance").asText() + "   Amount due "
                        + statement.path("amountDue").asText() + " " + statement.path("currency").asText());
                text.newLine();
                text.newLine();
                text.showText("Service date   Code    Charge     Insurance   Adjustments   You owe");
                for (JsonNode line : statement.path("lineItems")) {
                    text.newLine();
                    text.showText(String.format("%-14s %-7s %9s %11s %13s %9s", line.path("serviceDate").asText(),
                            line.path("code").asText(), line.path("charge").asText(), line.path("insurancePaid").asText(),
                            line.path("adjustments").asText(), line.path("patientResponsibility").asText()));
                }
                text.endText();
            }
            doc.save(out);
            return out.toByteArray();
        }
    }
}
