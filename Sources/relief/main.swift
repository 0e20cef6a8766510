import Foundation
import ReliefCLI

exit(Relief.run(Array(CommandLine.arguments.dropFirst()), .process()))
