// The .pmm model language: one file describes an experiment's whole system.
// Ordered like Trino's grammar: entry rule, declarations, statements, expressions as a
// precedence ladder, keywords, operators, literals, hidden whitespace and comments, and a
// final catch-all token so that no input is silently dropped. Every alternative is labelled.
grammar Pmm;

// ---- entry -------------------------------------------------------------------------------

program
    : declaration* EOF
    ;

// ---- declarations ------------------------------------------------------------------------

declaration
    : IMPORT path=STRING SEMICOLON?                                                   #importDeclaration
    | HYPER LBRACE hyperEntry* RBRACE                                                  #hyperDeclaration
    | DATA LBRACE dataEntry* RBRACE                                                    #dataDeclaration
    | DEF name=identifier LPAREN parameterList? RPAREN body                            #functionDeclaration
    | NETWORK name=identifier (LPAREN parameterList? RPAREN)? LBRACE layer* RBRACE     #networkDeclaration
    | MODULE name=identifier LPAREN parameterList? RPAREN LBRACE modulePart* RBRACE    #moduleDeclaration
    | MODEL name=identifier body                                                       #modelDeclaration
    | GUIDE name=identifier body                                                       #guideDeclaration
    | GUIDE name=identifier ASSIGN kind=identifier SEMICOLON?                          #autoGuideDeclaration
    | TRAIN LBRACE trainItem* RBRACE                                                   #trainDeclaration
    | EVAL LBRACE setting* RBRACE                                                      #evalDeclaration
    ;

hyperEntry
    : name=identifier ASSIGN value=hyperValue SEMICOLON?
    ;

hyperValue
    : MINUS? NUMBER          #numberValue
    | STRING                 #stringValue
    | (TRUE | FALSE)         #booleanValue
    | identifier             #symbolValue
    | identifier LPAREN MINUS? NUMBER RPAREN   #parameterisedSymbolValue
    ;

dataEntry
    : name=identifier COLON type=identifier shape? (ASSIGN source=expression)? SEMICOLON?
    ;

parameterList
    : identifier (COMMA identifier)*
    ;

layer
    : name=identifier (LPAREN arguments? RPAREN)? (IF condition=expression)? SEMICOLON?
    ;

modulePart
    : MODEL body             #moduleModel
    | GUIDE body             #moduleGuide
    ;

trainItem
    : OBJECTIVE name=identifier COLON loss=expression USING optimizer=expression
        (ON groups+=identifier (COMMA groups+=identifier)*)? SEMICOLON?               #objectiveItem
    | STEP how=identifier SEMICOLON?                                                   #stepItem
    | setting                                                                          #settingItem
    ;

setting
    : name=identifier ASSIGN value=expression SEMICOLON?
    ;

// ---- statements --------------------------------------------------------------------------

body
    : LBRACE statement* RBRACE
    ;

statement
    : name=identifier ASSIGN value=expression SEMICOLON?                               #assignStatement
    | name=identifier TILDE distribution=expression SEMICOLON?                         #sampleStatement
    | PARAM name=identifier shape? constraint? ASSIGN init=expression SEMICOLON?       #paramStatement
    | PLATE name=identifier LPAREN arguments? RPAREN body                              #plateStatement
    | USE instance=identifier (ASSIGN module=identifier LPAREN arguments? RPAREN)? SEMICOLON?  #useStatement
    | RETURN value=expression SEMICOLON?                                               #returnStatement
    ;

shape
    : LBRACKET (expression (COMMA expression)*)? RBRACKET
    ;

constraint
    : GT bound=expression                                          #lowerBoundConstraint
    | IN LPAREN low=expression COMMA high=expression RPAREN        #intervalConstraint
    | COLON kind=identifier                                        #namedConstraint
    ;

// ---- expressions, tightest binding first ----------------------------------------------------

expression
    : primary                                                                      #primaryExpression
    | base=expression LBRACKET (expression (COMMA expression)*)? RBRACKET          #indexExpression
    | <assoc=right> left=expression op=CARET right=expression                      #powerExpression
    | op=MINUS operand=expression                                                  #negationExpression
    | left=expression op=AT right=expression                                       #matmulExpression
    | left=expression op=(STAR | SLASH) right=expression                           #multiplicativeExpression
    | left=expression op=(PLUS | MINUS) right=expression                           #additiveExpression
    | then=expression op=IF condition=expression ELSE otherwise=expression         #conditionalExpression
    ;

primary
    : NUMBER                                                       #numberLiteral
    | STRING                                                       #stringLiteral
    | (TRUE | FALSE)                                               #booleanLiteral
    | LBRACKET (expression (COMMA expression)*)? RBRACKET          #arrayLiteral
    | callee=qualifiedName LPAREN arguments? RPAREN                #callExpression
    | qualifiedName                                                #referenceExpression
    | LPAREN expression RPAREN                                     #parenthesizedExpression
    ;

arguments
    : argument (COMMA argument)*
    ;

argument
    : (name=identifier COLON)? value=expression
    ;

qualifiedName
    : identifier (DOT identifier)*
    ;

identifier
    : IDENT
    | nonReserved
    ;

// Keywords that only start top-level declarations or train items may still be used as names.
nonReserved
    : IMPORT | HYPER | DATA | DEF | NETWORK | MODULE | MODEL | GUIDE | TRAIN | EVAL
    | OBJECTIVE | USING | ON | STEP
    ;

// ---- keywords ----------------------------------------------------------------------------

IMPORT: 'import';
HYPER: 'hyper';
DATA: 'data';
DEF: 'def';
NETWORK: 'network';
MODULE: 'module';
MODEL: 'model';
GUIDE: 'guide';
TRAIN: 'train';
EVAL: 'eval';
OBJECTIVE: 'objective';
USING: 'using';
ON: 'on';
STEP: 'step';
PARAM: 'param';
PLATE: 'plate';
USE: 'use';
RETURN: 'return';
IF: 'if';
ELSE: 'else';
IN: 'in';
TRUE: 'true';
FALSE: 'false';

// ---- operators and punctuation -------------------------------------------------------------

TILDE: '~';
ASSIGN: '=';
GT: '>';
AT: '@';
STAR: '*';
SLASH: '/';
PLUS: '+';
MINUS: '-';
CARET: '^';
LPAREN: '(';
RPAREN: ')';
LBRACKET: '[';
RBRACKET: ']';
LBRACE: '{';
RBRACE: '}';
COMMA: ',';
COLON: ':';
SEMICOLON: ';';
DOT: '.';

// ---- literals ----------------------------------------------------------------------------

NUMBER
    : DIGIT+ ('.' DIGIT*)? EXPONENT?
    | '.' DIGIT+ EXPONENT?
    ;

STRING
    : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"'
    ;

// A string that reaches the end of its line: reported as such, not as stray characters.
UNTERMINATED_STRING
    : '"' (~["\\\r\n] | '\\' ~[\r\n])*
    ;

IDENT
    : [A-Za-z_] [A-Za-z_0-9]*
    ;

fragment DIGIT: [0-9];
fragment EXPONENT: [eE] [+-]? DIGIT+;

// ---- hidden --------------------------------------------------------------------------------

LINE_COMMENT
    : '//' ~[\r\n]* -> channel(HIDDEN)
    ;

BLOCK_COMMENT
    : '/*' .*? '*/' -> channel(HIDDEN)
    ;

// A '/*' with no '*/' after it. It must not be able to run past a '*/': the lexer takes the
// longest match, and a rule that reached the end of the file would always beat BLOCK_COMMENT.
UNTERMINATED_COMMENT
    : '/*' (~'*' | '*'+ ~[*/])* '*'* EOF
    ;

WS
    : [ \t\r\n\f]+ -> channel(HIDDEN)
    ;

// ---- catch-all: any other character becomes a token the parser reports ----------------------

UNRECOGNIZED
    : .
    ;
