package com.patientcobridge.patientco.inbound;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A CSV file's physical lines within the limits: a line longer than allowed is blanked (so the
 * parser skips it and the others keep their numbers) and reported on its own; and where each
 * line starts, to name the line a record came from.
 */
record PhysicalLines(String text, int[] starts, List<InboundLine> tooLong) {

    static PhysicalLines within(String content, InboundLimits limits) {
        StringBuilder kept = new StringBuilder(content.length());
        List<Integer> starts = new ArrayList<>();
        List<InboundLine> tooLong = new ArrayList<>();
        int lineNo = 0;
        int i = 0;
        while (i <= content.length()) {
            int end = content.indexOf('\n', i);
            int stop = end < 0 ? content.length() : end;
            lineNo++;
            if (lineNo > limits.maxLines() + 1) {
                throw new UnreadableFile("the file has more than " + limits.maxLines() + " lines: split it");
            }
            starts.add(kept.length());
            int length = stop - i;
            if (length > limits.maxLineChars()) {
                tooLong.add(InboundLine.unreadable(lineNo, "is " + length + " characters long, over the limit of "
                        + limits.maxLineChars() + ": not read"));
            } else {
                kept.append(content, i, stop);
            }
            if (end < 0) {
                break;
            }
            kept.append('\n');
            i = end + 1;
        }
        return new PhysicalLines(kept.toString(), starts.stream().mapToInt(Integer::intValue).toArray(), tooLong);
    }

    /** The 1-based line holding this character of {@link #text}. */
    int lineAt(long position) {
        int found = Arrays.binarySearch(starts, (int) position);
        return (found >= 0 ? found : -found - 2) + 1;
    }
}
