// Copied by generator 0.1.0 from templates/go/runtime/multipart.go. Do not edit.
package apicore

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/textproto"
	"strings"
)

// FormFile is one file of a multipart/form-data body: one part of its own.
type FormFile struct {
	// Name is the file name sent with the part; "upload" when empty.
	Name string
	// ContentType is the part's media type; application/octet-stream when empty.
	ContentType string
	// Content is read once, when the request is built.
	Content io.Reader
}

// Form builds a multipart/form-data body part by part: each file, each item
// of an array and each other field a part of its own, under the field's name.
// The first problem is kept and returned by Finish.
type Form struct {
	buffer bytes.Buffer
	writer *multipart.Writer
	err    error
}

// NewForm is an empty form.
func NewForm() *Form {
	form := &Form{}
	form.writer = multipart.NewWriter(&form.buffer)
	return form
}

// Text adds a text part.
func (f *Form) Text(name, value string) {
	if f.err != nil {
		return
	}
	if f.err = checkPartName(name, name); f.err != nil {
		return
	}
	if f.err = CheckText(name, value); f.err != nil {
		return
	}
	part, err := f.writer.CreatePart(f.header(name, "", ""))
	if err == nil {
		_, err = io.WriteString(part, value)
	}
	f.keep(err)
}

// JSON adds a part holding value as JSON (an object, or an array of objects).
func (f *Form) JSON(name string, value any) {
	if f.err != nil {
		return
	}
	if f.err = checkPartName(name, name); f.err != nil {
		return
	}
	data, err := EncodeJSON(value)
	if err != nil {
		f.err = &ArgumentError{Parameter: name, Problem: "cannot be encoded as JSON: " + err.Error()}
		return
	}
	part, err := f.writer.CreatePart(f.header(name, "", "application/json"))
	if err == nil {
		_, err = part.Write(data)
	}
	f.keep(err)
}

// File adds a file part; a file without Content is an ArgumentError.
func (f *Form) File(name string, file FormFile) {
	if f.err != nil {
		return
	}
	if f.err = checkPartName(name, name); f.err != nil {
		return
	}
	if file.Content == nil {
		f.err = &ArgumentError{Parameter: name, Problem: "is a file without Content"}
		return
	}
	filename := file.Name
	if filename == "" {
		filename = "upload"
	}
	contentType := file.ContentType
	if contentType == "" {
		contentType = "application/octet-stream"
	}
	if f.err = CheckHeaderValue(name+" (its ContentType)", contentType); f.err != nil {
		return
	}
	if f.err = checkPartName(name+" (its Name)", filename); f.err != nil {
		return
	}
	part, err := f.writer.CreatePart(f.header(name, filename, contentType))
	if err == nil {
		_, err = io.Copy(part, file.Content)
	}
	if err != nil && f.err == nil {
		f.err = &ArgumentError{Parameter: name, Problem: "its Content could not be read: " + err.Error()}
	}
}

// Finish closes the form and makes it the request's body.
func (f *Form) Finish(request *Request) error {
	if f.err != nil {
		return f.err
	}
	if err := f.writer.Close(); err != nil {
		return err
	}
	request.Body = f.buffer.Bytes()
	if request.Body == nil {
		request.Body = []byte{}
	}
	request.ContentType = f.writer.FormDataContentType()
	return nil
}

func (f *Form) keep(err error) {
	if err != nil && f.err == nil {
		f.err = err
	}
}

func (f *Form) header(name, filename, contentType string) textproto.MIMEHeader {
	disposition := `form-data; name="` + quoteParam(name) + `"`
	if filename != "" {
		disposition += `; filename="` + quoteParam(filename) + `"`
	}
	header := textproto.MIMEHeader{}
	header.Set("Content-Disposition", disposition)
	if contentType != "" {
		header.Set("Content-Type", contentType)
	}
	return header
}

var paramQuoter = strings.NewReplacer(`\`, `\\`, `"`, `\"`)

func quoteParam(text string) string { return paramQuoter.Replace(text) }

// checkPartName refuses a file name that would break its part's header: a
// control character (CR or LF would start another header) or text that is not UTF-8.
func checkPartName(label, name string) error {
	if err := CheckText(label, name); err != nil {
		return err
	}
	for _, r := range name {
		if r < 0x20 || r == 0x7f {
			return &ArgumentError{Parameter: label, Problem: fmt.Sprintf("contains the control character U+%04X", r)}
		}
	}
	return nil
}
