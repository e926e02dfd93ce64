package com.patientcobridge.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;

/** The reference: pre-encoded messages sent one at a time over one raw MLLP connection, each waiting for its ACK. */
final class MllpRoundTrips {

    private MllpRoundTrips() {
    }

    /** Sends every message in turn and returns round trips per second. */
    static double perSecond(int port, List<byte[]> framedMessages) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            long start = System.nanoTime();
            for (byte[] message : framedMessages) {
                out.write(message);
                out.flush();
                if (CannedAckServer.Mllp.readFrame(in) == null) {
                    throw new IllegalStateException("receiver closed the connection");
                }
            }
            return framedMessages.size() / ((System.nanoTime() - start) / 1e9);
        }
    }
}
