package dev.ladder.kit.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A limit on request bodies ({@code ladder.web.max-body-size}, 1 MB by default), checked before anything reads
 * them: a larger declared {@code Content-Length} is a 413 problem at once; a body sent without one (chunked) is cut
 * off where it passes the limit, and the request ends in the same 413 ({@link ProblemHandling}). Multipart uploads
 * are left to Spring's own multipart limits, which each service sets for its files.
 */
public class RequestBodyLimit extends OncePerRequestFilter {

    private final long maxBytes;
    private final JsonMapper json;

    public RequestBodyLimit(DataSize max, JsonMapper json) {
        this.maxBytes = max.toBytes();
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType != null && contentType.toLowerCase().startsWith("multipart/")) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > maxBytes) {
            ProblemDetail problem = tooLarge(maxBytes);
            problem.setInstance(URI.create(request.getRequestURI()));
            response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(json.writeValueAsBytes(problem));
            return;
        }
        // a declared length is held to by the server itself (a body cannot run past it); only one sent without a
        // length needs counting
        chain.doFilter(request.getContentLengthLong() < 0 ? new Limited(request, maxBytes) : request, response);
    }

    static ProblemDetail tooLarge(long maxBytes) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "The request body is larger than " + maxBytes + " bytes.");
        problem.setTitle("Request too large");
        return problem;
    }

    /** What reading a body past the limit throws; {@link ProblemHandling} answers it with a 413. */
    static final class BodyTooLargeException extends IOException {
        final long maxBytes;

        BodyTooLargeException(long maxBytes) {
            super("The request body is larger than " + maxBytes + " bytes.");
            this.maxBytes = maxBytes;
        }
    }

    /**
     * A request whose body stops at the limit (for bodies sent without a length). The stream is wrapped only when
     * the application asks for it, so a request nobody reads (a GET, a form the container parses) is untouched.
     */
    private static final class Limited extends HttpServletRequestWrapper {
        private final long maxBytes;
        private ServletInputStream in;
        private BufferedReader reader;

        Limited(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (in == null) {
                in = new LimitedStream(super.getInputStream(), maxBytes);
            }
            return in;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                reader = new BufferedReader(new InputStreamReader(getInputStream(),
                        encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
            }
            return reader;
        }
    }

    private static final class LimitedStream extends ServletInputStream {
        private final ServletInputStream original;
        private final long maxBytes;
        private long read;

        LimitedStream(ServletInputStream original, long maxBytes) {
            this.original = original;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = original.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = original.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > maxBytes) {
                throw new BodyTooLargeException(maxBytes);
            }
        }

        @Override
        public boolean isFinished() {
            return original.isFinished();
        }

        @Override
        public boolean isReady() {
            return original.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            original.setReadListener(listener);
        }
    }
}
