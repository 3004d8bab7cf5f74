import Foundation

// The agent's terminal client arrives with the on-call agents issue.
FileHandle.standardError.write(Data("nightdesk-agent: not yet available in this version; agents cannot sign in yet.\n".utf8))
exit(1)
