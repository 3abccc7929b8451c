// Copied by generator 0.1.0 from templates/go/runtime/files.go. Do not edit.
package apicore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// NameLimit is the longest file name taken from a response, in UTF-8 bytes.
const NameLimit = 200

const copyBufferSize = 256 * 1024

// ProgressFunc is called after each chunk with the bytes written so far and
// the expected total (-1 when unknown).
type ProgressFunc func(written, total int64)

// SaveOptions says how a download is saved.
type SaveOptions struct {
	// Overwrite replaces an existing target (a symlink is replaced, never followed).
	Overwrite bool
	// Progress, when set, is called after each chunk.
	Progress ProgressFunc
	// ExpiresAt, when not zero, is when a presigned link expires.
	ExpiresAt time.Time
	// Resume keeps the part of a cut download to continue it (Range and
	// If-Range), in the same call as often as the retry policy allows and in a
	// later call with the same target file: a hidden ".part" file and its
	// ".part.json" side file stay beside the target until then. While the
	// transfer runs, a ".part.lock" file beside them makes another download of
	// the same target fail with ErrDownloadInProgress; a lock left by a process
	// that has ended (on unix) is taken over (partlock.go).
	Resume bool
	// SkipVerify saves the file without checking it against the size and the
	// strongest digest the server (or the spec) states for it: SHA-256, else
	// MD5, else CRC32C. A mismatch is a *ChecksumMismatchError and leaves no file.
	SkipVerify bool
	// SkipIdentical keeps a target that already holds the file (its size and
	// digest match what the server states, or the Last-Modified time an earlier
	// save gave it) instead of downloading it again.
	SkipIdentical bool
}

// CheckTarget refuses a target before anything is downloaded: its folder must
// exist, and an existing file is refused (FileExistsError) unless overwrite.
func CheckTarget(path string, overwrite bool) error {
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return nil
	}
	parent := filepath.Dir(path)
	if info, err := os.Stat(parent); err != nil || !info.IsDir() {
		return &fs.PathError{Op: "download", Path: parent, Err: fs.ErrNotExist}
	}
	if _, err := os.Lstat(path); err == nil && !overwrite {
		return &FileExistsError{Path: path}
	}
	return nil
}

// Save streams the body into path (a file, or a folder to put it in, named as
// the server suggests), closes the download and returns the file's path.
//
// The body goes into a hidden ".part" file beside the target, is checked (see
// SaveOptions.SkipVerify), synced to disk, and only then takes the target's
// name: the target either does not exist or is complete. On any failure (a cut
// or stalled body, a short body, ctx cancelled, a write error) the ".part"
// file is removed, unless Resume keeps it for a later call (which needs the
// operation called again: this response cannot be asked for again).
func (d *Download) Save(ctx context.Context, path string, options SaveOptions) (string, error) {
	defer d.Close()
	return fetchToFile(ctx, &onceSource{download: d}, path, options, NoRetry())
}

// createPart creates a new hidden ".part" file in folder, with the mode the
// umask gives a new file.
func createPart(folder string) (*os.File, error) {
	for tries := 0; ; tries++ {
		random := make([]byte, 8)
		if _, err := rand.Read(random); err != nil {
			return nil, err
		}
		name := filepath.Join(folder, "."+hex.EncodeToString(random)+".part")
		file, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o666)
		if err == nil || !errors.Is(err, fs.ErrExist) || tries >= 10 {
			return file, err
		}
	}
}

func discard(part *os.File) {
	_ = part.Close()
	_ = os.Remove(part.Name())
}

// publish renames part to target; without overwrite it atomically refuses a target that exists by now.
func publish(part, target string, overwrite bool) error {
	if overwrite {
		if err := os.Rename(part, target); err != nil {
			return &DownloadError{Message: "cannot put the download in place: " + err.Error(), Err: err}
		}
		syncFolder(filepath.Dir(target))
		return nil
	}
	err := os.Link(part, target)
	switch {
	case err == nil:
		_ = os.Remove(part)
	case errors.Is(err, fs.ErrExist):
		return &FileExistsError{Path: target}
	default: // no hard links on this file system: check, then rename
		if _, statErr := os.Lstat(target); statErr == nil {
			return &FileExistsError{Path: target}
		}
		if err := os.Rename(part, target); err != nil {
			return &DownloadError{Message: "cannot put the download in place: " + err.Error(), Err: err}
		}
	}
	syncFolder(filepath.Dir(target))
	return nil
}

func syncFolder(folder string) {
	if handle, err := os.Open(folder); err == nil {
		_ = handle.Sync()
		_ = handle.Close()
	}
}

var (
	dispositionParameter = regexp.MustCompile(`(?:^|;)\s*([!#$%&'*+.^_` + "`" + `|~0-9A-Za-z-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)`)
	quotedPair           = regexp.MustCompile(`\\(.)`)
	unsafeCharacters     = regexp.MustCompile(`[<>:"|?*]`)
	windowsDevices       = regexp.MustCompile(`^(?i:CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])$`)
)

// SafeFilename is a plain file name from a Content-Disposition header (RFC
// 6266, filename* preferred), else fallback, else "download". It never holds a
// path separator or a control or invisible character, never starts with a dot,
// is never ".." and is at most NameLimit bytes.
func SafeFilename(contentDisposition, fallback string) string {
	for _, name := range []string{dispositionFilename(contentDisposition), fallback} {
		if cleaned := cleanName(name); cleaned != "" {
			return cleaned
		}
	}
	return "download"
}

func dispositionFilename(header string) string {
	plain, extended := "", ""
	plainSeen := false
	for _, match := range dispositionParameter.FindAllStringSubmatch(header, -1) {
		name, value := strings.ToLower(match[1]), strings.TrimSpace(match[2])
		switch {
		case name == "filename*" && extended == "":
			extended = decodeExtended(value)
		case name == "filename" && !plainSeen:
			plainSeen = true
			if strings.HasPrefix(value, `"`) && len(value) >= 2 {
				value = quotedPair.ReplaceAllString(value[1:len(value)-1], "$1")
			}
			plain = value
		}
	}
	if extended != "" {
		return extended
	}
	return plain
}

// decodeExtended reads an RFC 8187 charset'language'percent-encoded value (UTF-8 or ISO-8859-1).
func decodeExtended(value string) string {
	parts := strings.SplitN(strings.Trim(value, `"`), "'", 3)
	if len(parts) != 3 {
		return ""
	}
	decoded, err := url.PathUnescape(parts[2])
	if err != nil {
		return ""
	}
	switch strings.ToLower(parts[0]) {
	case "", "utf-8":
		if !utf8.ValidString(decoded) {
			return ""
		}
		return decoded
	case "iso-8859-1", "latin1":
		runes := make([]rune, 0, len(decoded))
		for index := 0; index < len(decoded); index++ {
			runes = append(runes, rune(decoded[index]))
		}
		return string(runes)
	}
	return ""
}

func cleanName(name string) string {
	name = strings.ToValidUTF8(name, "")
	name = strings.ReplaceAll(name, `\`, "/")
	name = name[strings.LastIndex(name, "/")+1:]
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp) {
			return -1
		}
		return r
	}, name)
	name = unsafeCharacters.ReplaceAllString(name, "_")
	name = strings.TrimFunc(name, func(r rune) bool { return r == '.' || unicode.IsSpace(r) })
	if windowsDevices.MatchString(strings.SplitN(name, ".", 2)[0]) {
		name = "_" + name
	}
	return truncateName(name)
}

func truncateName(name string) string {
	if len(name) <= NameLimit {
		return name
	}
	stem, extension := name, filepath.Ext(name)
	if len(extension) > 20 {
		extension = ""
	}
	stem = strings.TrimSuffix(name, extension)
	room := NameLimit - len(extension)
	cut := stem[:room]
	for !utf8.ValidString(cut) {
		cut = cut[:len(cut)-1]
	}
	return strings.TrimRight(cut, " .") + extension
}
