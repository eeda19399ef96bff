package infile

import "bytes"

// FirstLine returns the first line of data, up to the first "\n" and
// without a trailing "\r", with the number of non-blank lines after it
// and the 1-based line of the first of those (0 if none). It is how a
// file holding one secret is read (the passphrase file, a pre-shared key
// file): the caller warns about the lines it ignores by count and line,
// never by content, since they may be secrets too.
func FirstLine(data []byte) (line []byte, ignored, at int) {
	line, rest, _ := bytes.Cut(data, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	for n := 2; len(rest) > 0; n++ {
		var l []byte
		l, rest, _ = bytes.Cut(rest, []byte("\n"))
		if len(bytes.TrimSpace(l)) > 0 {
			if ignored == 0 {
				at = n
			}
			ignored++
		}
	}
	return line, ignored, at
}
