package dev.buildxlens.core.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Splits a complete HTTP/1.x response (read until the server closed the connection) into status and body,
 * undoing chunked transfer encoding, which dockerd uses for large lists.
 */
final class HttpResponses {

    private HttpResponses() {
    }

    static EngineTransport.Response parse(byte[] raw) throws IOException {
        int headerEnd = indexOf(raw, new byte[] {'\r', '\n', '\r', '\n'}, 0);
        if (headerEnd < 0) {
            throw new IOException(raw.length == 0 ? "the connection closed without an answer" : "not an HTTP answer");
        }
        String head = new String(raw, 0, headerEnd, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP answer: " + abbreviate(lines[0]));
        }
        int code;
        try {
            code = Integer.parseInt(status[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status line: " + abbreviate(lines[0]));
        }
        boolean chunked = false;
        long contentLength = -1;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            } else if (name.equals("content-length")) {
                try {
                    contentLength = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new IOException("bad Content-Length: " + abbreviate(value));
                }
            }
        }
        int bodyStart = headerEnd + 4;
        if (chunked) {
            return new EngineTransport.Response(code, dechunk(raw, bodyStart));
        }
        int available = raw.length - bodyStart;
        if (contentLength > available) {
            throw new IOException("the answer ended after " + available + " of " + contentLength + " bytes");
        }
        int length = contentLength >= 0 ? (int) contentLength : available;
        byte[] body = new byte[length];
        System.arraycopy(raw, bodyStart, body, 0, length);
        return new EngineTransport.Response(code, body);
    }

    private static byte[] dechunk(byte[] raw, int start) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(Math.max(16, raw.length - start));
        int cursor = start;
        while (true) {
            int lineEnd = indexOf(raw, new byte[] {'\r', '\n'}, cursor);
            if (lineEnd < 0) {
                throw new IOException("the chunked answer ended early");
            }
            String sizeText = new String(raw, cursor, lineEnd - cursor, StandardCharsets.ISO_8859_1);
            int semicolon = sizeText.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((semicolon >= 0 ? sizeText.substring(0, semicolon) : sizeText).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size: " + abbreviate(sizeText));
            }
            cursor = lineEnd + 2;
            if (size == 0) {
                return body.toByteArray();
            }
            if (size < 0 || cursor + size > raw.length) {
                throw new IOException("the chunked answer ended early");
            }
            body.write(raw, cursor, size);
            cursor += size + 2;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String abbreviate(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 60 ? printable.substring(0, 60) + "…" : printable;
    }
}
