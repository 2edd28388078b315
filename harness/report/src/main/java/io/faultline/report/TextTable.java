package io.faultline.report;

import java.util.List;

/** A plain-text table for the terminal: columns padded to their widest cell, two spaces apart. */
public final class TextTable {
    private TextTable() {
    }

    /** @param rows the header first; every row has the same number of cells */
    public static String align(List<String[]> rows) {
        int[] w = new int[rows.getFirst().length];
        for (String[] row : rows) for (int i = 0; i < row.length; i++) w[i] = Math.max(w[i], row[i].length());
        StringBuilder b = new StringBuilder();
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                b.append(row[i]);
                if (i + 1 < row.length) b.append(" ".repeat(w[i] - row[i].length())).append("  ");
            }
            b.append('\n');
        }
        return b.toString();
    }
}
