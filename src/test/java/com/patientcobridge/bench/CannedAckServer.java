package com.patientcobridge.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An MLLP receiver that answers every frame at once with an AA whose MSA-2 echoes the
 * message's MSH-10: the upper bound of what any EHR could take, for benchmark ratios.
 */
final class CannedAckServer implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "canned-ack");
        t.setDaemon(true);
        return t;
    });

    CannedAckServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pool.submit(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                pool.submit(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            byte[] frame;
            while ((frame = Mllp.readFrame(in)) != null) {
                out.write(Mllp.frame(ack(new String(frame, StandardCharsets.ISO_8859_1))));
                out.flush();
            }
        } catch (IOException e) {
            // client went away
        }
    }

    private static byte[] ack(String message) {
        String msh = message.substring(0, message.indexOf('\r') < 0 ? message.length() : message.indexOf('\r'));
        String[] f = msh.split("\\|", -1);
        String controlId = f.length > 9 ? f[9] : "";
        return ("MSH|^~\\&|EHR|HOSP|PATIENTCO|PCOBRIDGE|20260101000000||ACK^P03^ACK|A" + controlId + "|P|2.5.1\r"
                + "MSA|AA|" + controlId + "\r").getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
        pool.shutdownNow();
    }

    /** MLLP framing: 0x0B, the message, 0x1C 0x0D. */
    static final class Mllp {
        private Mllp() {
        }

        static byte[] frame(byte[] message) {
            byte[] framed = new byte[message.length + 3];
            framed[0] = 0x0b;
            System.arraycopy(message, 0, framed, 1, message.length);
            framed[framed.length - 2] = 0x1c;
            framed[framed.length - 1] = 0x0d;
            return framed;
        }

        static byte[] readFrame(InputStream in) throws IOException {
            int b;
            while ((b = in.read()) != 0x0b) {
                if (b < 0) {
                    return null;
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream(512);
            while ((b = in.read()) >= 0) {
                if (b == 0x1c) {
                    in.read(); // the closing 0x0D
                    return body.toByteArray();
                }
                body.write(b);
            }
            return null;
        }
    }
}
