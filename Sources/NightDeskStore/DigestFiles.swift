/// Opening digests on disk: `digests/<site>-<local date>.md`.
public enum DigestFiles {
    public static func write(_ text: String, to path: String, directory: String) throws(StoreError) {
        try DurableFiles.makeDirectory(directory)
        try DurableFiles.writeAtomically(Array(text.utf8), to: path, directory: directory)
    }
}
