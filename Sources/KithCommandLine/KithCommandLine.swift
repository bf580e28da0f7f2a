import KithCore
