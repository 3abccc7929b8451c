// Copied by generator 0.1.0 from templates/go/runtime/hookrequest.go. Do not edit.
package apicore

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
)

// What a call sends is what its BeforeRequest hooks left: they see the
// request with its body (Body, GetBody and ContentLength set, as
// http.NewRequest sets them) and may change the method, the URL, the headers,
// the body and the Host (the Host field, or a "Host" header). The call's body
// left in place, read or not, or put back from GetBody, is sent as it is,
// whatever its size. A body a hook sets in its place is read once, before
// anything is sent, and each attempt (a retry, the resend after a 401) sends
// those bytes again, so any reader will do; what cannot be sent as the hook
// left it is an *ArgumentError naming "BeforeRequest", never dropped silently:
// a body that cannot be read or is larger than the client's MaxBodySize (at
// least DefaultMaxBodySize), a ContentLength that does not count the body; a
// Host that is not a host is one naming "Host".

// callBody is the call's body as the hooks are given it (Body, and each
// GetBody), so that a body left or put back as given is known.
type callBody struct{ *bytes.Reader }

func (*callBody) Close() error { return nil }

// hooked runs the BeforeRequest hooks on proto, whose body is body, and keeps what they left.
func (t *Transport) hooked(proto *http.Request, body []byte) (*prepared, error) {
	if body != nil {
		proto.Body = &callBody{bytes.NewReader(body)}
		proto.ContentLength = int64(len(body))
		proto.GetBody = func() (io.ReadCloser, error) { return &callBody{bytes.NewReader(body)}, nil }
	}
	host, length := proto.Host, proto.ContentLength
	if err := t.config.Hooks.before(proto); err != nil {
		if !leftAsGiven(proto.Body, body) && proto.Body != nil {
			_ = proto.Body.Close()
		}
		return nil, err
	}
	if !leftAsGiven(proto.Body, body) {
		read, err := readHookBody(proto, length, t.hookBodyLimit())
		if err != nil {
			return nil, err
		}
		body = read
	} else if proto.ContentLength != int64(len(body)) {
		return nil, hookError(fmt.Sprintf("set ContentLength to %d but left the body of %d bytes", proto.ContentLength, len(body)))
	}
	proto.Body, proto.GetBody, proto.ContentLength = nil, nil, 0
	kept, err := hookHost(proto, host)
	if err != nil {
		return nil, err
	}
	return &prepared{proto: proto, body: body, host: kept}, nil
}

// leftAsGiven says whether current, the body a hook left, is the call's body
// (read or not, or put back from GetBody): none when the call has none.
func leftAsGiven(current io.ReadCloser, body []byte) bool {
	if body == nil {
		return current == nil
	}
	_, given := current.(*callBody)
	return given
}

func (t *Transport) hookBodyLimit() int64 {
	if t.config.MaxBodySize > DefaultMaxBodySize {
		return t.config.MaxBodySize
	}
	return DefaultMaxBodySize
}

// readHookBody is the body a hook set in place of the call's, read and closed
// (nil for none); a ContentLength the hook changed from given (and not to 0
// or -1, unknown) must count it.
func readHookBody(proto *http.Request, given, limit int64) ([]byte, error) {
	stated := proto.ContentLength != given && proto.ContentLength > 0
	if proto.Body == nil || proto.Body == http.NoBody {
		if stated {
			return nil, hookError(fmt.Sprintf("set ContentLength to %d without a body", proto.ContentLength))
		}
		return nil, nil
	}
	read, err := io.ReadAll(io.LimitReader(proto.Body, onePast(limit)))
	_ = proto.Body.Close()
	if err != nil {
		return nil, hookError("set a body that cannot be read: " + err.Error())
	}
	if int64(len(read)) > limit {
		return nil, hookError(fmt.Sprintf("set a body larger than %d bytes, the limit of a body a hook sets (MaxBodySize, at least DefaultMaxBodySize)", limit))
	}
	if stated && proto.ContentLength != int64(len(read)) {
		return nil, hookError(fmt.Sprintf("set ContentLength to %d for a body of %d bytes", proto.ContentLength, len(read)))
	}
	return read, nil
}

// hookHost is the Host a hook set (the field, else a "Host" header, which
// net/http would not send), or "" when the URL's host is sent; before is the
// field as the hook got it.
func hookHost(proto *http.Request, before string) (string, error) {
	host := ""
	if proto.Host != before {
		host = proto.Host
	} else if values, ok := proto.Header["Host"]; ok && len(values) > 0 {
		host = values[0]
	}
	delete(proto.Header, "Host")
	if host == "" {
		return "", nil
	}
	for index := 0; index < len(host); index++ {
		if !hostByte(host[index]) {
			problem := fmt.Sprintf("%q is not a host (byte %d); it was set by a BeforeRequest hook or a header", host, index)
			return "", &ArgumentError{Parameter: "Host", Problem: problem}
		}
	}
	return host, nil
}

// hostByte is a byte a Host may hold, as net/http accepts it.
func hostByte(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return c < 0x80 && bytes.IndexByte([]byte("!$%&'()*+,-.:;=[]_~"), c) >= 0
}

func hookError(problem string) error {
	return &ArgumentError{Parameter: "BeforeRequest", Problem: "a hook " + problem}
}
