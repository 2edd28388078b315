package io.faultline.ssh;

import java.io.EOFException;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentFactory;
import org.apache.sshd.agent.SshAgentServer;
import org.apache.sshd.agent.common.AbstractAgentProxy;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * The SSH agent at {@code $SSH_AUTH_SOCK}, reached over Java's own Unix domain socket channel.
 * MINA's {@link AbstractAgentProxy} already speaks the agent protocol (request identities 11 ->
 * answer 12, sign request 13 -> response 14, with the RSA SHA-2 flags); what it lacks in pure Java
 * is the transport: its own unix client ({@code org.apache.sshd.agent.unix.AgentClient}) goes
 * through tomcat-native (APR), a native library faultline does not ship. This class is only that
 * transport: one framed request written, one framed answer read, one request at a time.
 */
final class AgentSocket extends AbstractAgentProxy {
    /** An agent answer larger than this is not an agent talking. */
    private static final int MAX_ANSWER = 256 * 1024;

    private final Path socket;
    private final SocketChannel channel;

    AgentSocket(Path socket) throws IOException {
        super(null); // no executor: requests run on the caller's thread
        this.socket = socket;
        try {
            this.channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            throw new IOException("cannot reach the SSH agent at " + socket + " ($SSH_AUTH_SOCK): " + e.getMessage(), e);
        }
    }

    /** Gives every session of a client an agent connection of its own (closed by MINA after the login). */
    static SshAgentFactory factory(Path socket) {
        return new SshAgentFactory() {
            @Override
            public List<ChannelFactory> getChannelForwardingFactories(FactoryManager manager) {
                return List.of(); // the agent is used to log in, never forwarded to the hosts
            }

            @Override
            public SshAgent createClient(Session session, FactoryManager manager) throws IOException {
                return new AgentSocket(socket);
            }

            @Override
            public SshAgentServer createServer(ConnectionService service) {
                throw new UnsupportedOperationException("faultline does not forward the SSH agent");
            }
        };
    }

    /** {@code buffer} is framed already (uint32 length, then the message); the answer comes back without its length. */
    @Override
    protected synchronized Buffer request(Buffer buffer) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(buffer.array(), buffer.rpos(), buffer.available());
        while (out.hasRemaining()) channel.write(out);
        ByteBuffer length = readFully(4);
        int n = length.getInt();
        if (n <= 0 || n > MAX_ANSWER) throw new IOException("the SSH agent at " + socket + " answered with a length of " + n);
        return new ByteArrayBuffer(readFully(n).array());
    }

    private ByteBuffer readFully(int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (channel.read(b) < 0) throw new EOFException("the SSH agent at " + socket + " closed the connection");
        }
        return b.flip();
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            channel.close();
        }
    }
}
