package com.patientcobridge.hl7.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/** An MLLP receiver that misbehaves once: answers the first message with a wrong MSA-2, or not at all. */
final class MisbehavingEhr implements AutoCloseable {

    enum Mode { WRONG_MSA2_ONCE, SILENT_ONCE, DROP_ONCE }

    private final ServerSocket server;
    private final Mode mode;
    private final AtomicBoolean misbehaved = new AtomicBoolean();
    private final List<String> controlIds = new CopyOnWriteArrayList<>();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    MisbehavingEhr(Mode mode) throws IOException {
        this.mode = mode;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        pool.submit(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    List<String> controlIds() {
        return controlIds;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                pool.submit(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            String message;
            while ((message = read(in)) != null) {
                String id = message.split("\r")[0].split("\\|")[9];
                controlIds.add(id);
                boolean first = misbehaved.compareAndSet(false, true);
                if (first && mode == Mode.SILENT_ONCE) {
                    continue;
                }
                if (first && mode == Mode.DROP_ONCE) {
                    return; // the connection drops with the message unanswered
                }
                String msa2 = first ? "NOT-" + id : id;
                String ack = "MSH|^~\\&|EHR|HOSP|PATIENTCO|PCO|20261110000000||ACK^P03^ACK|A" + id + "|P|2.5.1\rMSA|AA|"
                        + msa2 + "\r";
                out.write(0x0b);
                out.write(ack.getBytes(StandardCharsets.UTF_8));
                out.write(0x1c);
                out.write(0x0d);
                out.flush();
            }
        } catch (IOException e) {
            // the bridge reset the connection
        }
    }

    private static String read(InputStream in) throws IOException {
        int b;
        while ((b = in.read()) != 0x0b) {
            if (b < 0) {
                return null;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while ((b = in.read()) >= 0) {
            if (b == 0x1c) {
                in.read();
                return body.toString(StandardCharsets.UTF_8);
            }
            body.write(b);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
        pool.shutdownNow();
    }
}
