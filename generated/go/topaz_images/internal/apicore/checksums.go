// Copied by generator 0.1.0 from templates/go/runtime/checksums.go. Do not edit.
package apicore

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
)

// Checking a downloaded file against the digests the server (or the spec)
// states for it. A storage host states a file's digest in one of several
// headers: Content-MD5 (base64, of this response's body only), an S3 ETag that
// is a plain MD5 in hex (not a multipart "...-N" one, not an object encrypted
// with KMS), x-goog-hash (md5= and crc32c=, base64), x-amz-checksum-sha256 and
// x-amz-checksum-crc32c (base64, not a composite "...-N" one). The strongest
// one stated is computed while the bytes arrive: SHA-256, else MD5, else CRC32C.

// ChecksumAlgorithms lists the digests a download is checked against, strongest first.
var ChecksumAlgorithms = []string{"sha256", "md5", "crc32c"}

var (
	digestSizes = map[string]int{"sha256": 32, "md5": 16, "crc32c": 4}
	hexMD5      = regexp.MustCompile(`^[0-9a-fA-F]{32}$`)
	castagnoli  = crc32.MakeTable(crc32.Castagnoli)
)

// Checksum is a digest a file must have: Algorithm (sha256, md5 or crc32c) and its value in lower-case hex.
type Checksum struct {
	Algorithm string
	Hex       string
}

// ChecksumMismatchError is a download whose bytes are not the file the server
// stated; no file was left, not even a part to resume.
type ChecksumMismatchError struct {
	*DownloadError
	Name      string
	Algorithm string
	Expected  string
	Actual    string
}

func (e *ChecksumMismatchError) Unwrap() error { return e.DownloadError }

func newChecksumMismatch(name string, expected Checksum, actual string) *ChecksumMismatchError {
	message := fmt.Sprintf("download of %s is corrupt: its %s is %s, the server stated %s", name, expected.Algorithm, actual, expected.Hex)
	return &ChecksumMismatchError{
		DownloadError: &DownloadError{Message: message},
		Name:          name, Algorithm: expected.Algorithm, Expected: expected.Hex, Actual: actual,
	}
}

// ParseChecksum reads a digest written in hex or base64; false when value is
// neither, has the wrong size, or the algorithm is not one of ChecksumAlgorithms.
func ParseChecksum(algorithm, value string) (Checksum, bool) {
	algorithm = strings.ReplaceAll(strings.ToLower(algorithm), "-", "")
	size, known := digestSizes[algorithm]
	if !known {
		return Checksum{}, false
	}
	text := strings.Trim(strings.TrimSpace(value), `"`)
	if raw, err := hex.DecodeString(text); err == nil && len(raw) == size {
		return Checksum{Algorithm: algorithm, Hex: hex.EncodeToString(raw)}, true
	}
	if raw, err := base64.StdEncoding.Strict().DecodeString(text); err == nil && len(raw) == size {
		return Checksum{Algorithm: algorithm, Hex: hex.EncodeToString(raw)}, true
	}
	return Checksum{}, false
}

// DeclaredChecksum is the digest an API's answer states where the spec
// declares it (x-checksum): value must be algorithm's digest in encoding (hex
// or base64). Nil for an empty value; anything else that is not such a digest
// is a DownloadError before a byte is fetched, as the file could not be checked.
func DeclaredChecksum(algorithm, encoding, value string) (*Checksum, error) {
	if value == "" {
		return nil, nil
	}
	size := digestSizes[algorithm]
	text := strings.TrimSpace(value)
	var raw []byte
	var err error
	switch encoding {
	case "hex":
		raw, err = hex.DecodeString(text)
	case "base64":
		raw, err = base64.StdEncoding.Strict().DecodeString(text)
	default:
		err = fmt.Errorf("unknown encoding %q", encoding)
	}
	if err != nil || size == 0 || len(raw) != size {
		shown := fmt.Sprintf("%q", value)
		if len(shown) > 80 {
			shown = shown[:80]
		}
		return nil, &DownloadError{Message: fmt.Sprintf("the API stated a %s digest that is not %d bytes in %s: %s", algorithm, size, encoding, shown)}
	}
	return &Checksum{Algorithm: algorithm, Hex: hex.EncodeToString(raw)}, nil
}

// StatedChecksums are the digests header states for the whole file, by
// algorithm; wholeBody says the response carries the whole file (a 200, not a
// 206), so a Content-MD5 of its body is one of the whole file.
func StatedChecksums(header http.Header, wholeBody bool) map[string]Checksum {
	found := map[string]Checksum{}
	add := func(algorithm, value string) {
		if checksum, ok := ParseChecksum(algorithm, value); ok {
			if _, seen := found[checksum.Algorithm]; !seen {
				found[checksum.Algorithm] = checksum
			}
		}
	}
	if value := header.Get("Content-MD5"); wholeBody && value != "" {
		add("md5", value)
	}
	for _, part := range strings.Split(header.Get("X-Goog-Hash"), ",") {
		name, value, _ := strings.Cut(strings.TrimSpace(part), "=")
		if (name == "md5" || name == "crc32c") && value != "" {
			add(name, value)
		}
	}
	composite := strings.EqualFold(header.Get("X-Amz-Checksum-Type"), "COMPOSITE")
	for _, algorithm := range []string{"sha256", "crc32c"} {
		value := header.Get("X-Amz-Checksum-" + algorithm)
		if value != "" && !strings.Contains(value, "-") && !composite {
			add(algorithm, value)
		}
	}
	etag := strings.TrimSpace(header.Get("ETag"))
	kms := strings.HasPrefix(header.Get("X-Amz-Server-Side-Encryption"), "aws:kms")
	if !strings.HasPrefix(etag, "W/") && hexMD5.MatchString(strings.Trim(etag, `"`)) && !kms {
		add("md5", etag)
	}
	return found
}

// ChosenChecksum is the strongest of checksums (the one worth computing), or nil.
func ChosenChecksum(checksums map[string]Checksum) *Checksum {
	for _, algorithm := range ChecksumAlgorithms {
		if checksum, ok := checksums[algorithm]; ok {
			return &checksum
		}
	}
	return nil
}

func newHasher(algorithm string) hash.Hash {
	switch algorithm {
	case "sha256":
		return sha256.New()
	case "md5":
		return md5.New()
	case "crc32c":
		return crc32.New(castagnoli)
	}
	return nil
}

// verifier computes one digest over the bytes written and checks it at the end.
type verifier struct {
	expected *Checksum
	hasher   hash.Hash
}

func newVerifier(expected *Checksum) *verifier {
	v := &verifier{expected: expected}
	if expected != nil {
		v.hasher = newHasher(expected.Algorithm)
	}
	return v
}

func (v *verifier) update(chunk []byte) {
	if v.hasher != nil {
		_, _ = v.hasher.Write(chunk)
	}
}

// updateFrom hashes the first size bytes of the file at path (a part kept from an earlier attempt).
func (v *verifier) updateFrom(path string, size int64) error {
	if v.hasher == nil || size <= 0 {
		return nil
	}
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	_, err = io.CopyBuffer(v.hasher, io.LimitReader(file, size), make([]byte, copyBufferSize))
	return err
}

func (v *verifier) check(name string) error {
	if v.hasher == nil || v.expected == nil {
		return nil
	}
	if actual := hex.EncodeToString(v.hasher.Sum(nil)); actual != v.expected.Hex {
		return newChecksumMismatch(name, *v.expected, actual)
	}
	return nil
}

// FileMatches says whether the file at path has the digest checksum.
func FileMatches(path string, checksum Checksum) bool {
	info, err := os.Stat(path)
	if err != nil {
		return false
	}
	v := newVerifier(&checksum)
	if v.hasher == nil || v.updateFrom(path, info.Size()) != nil {
		return false
	}
	return v.check(path) == nil
}
